package io.jenkins.plugins.deploytrain.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The view renders the ledger's own format: every fixture's ledger-train is read by the ledger's strict
 * mapper (unknown fields fail) into a Train and written back unchanged.
 */
class LedgerFormatTest {

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = LedgerFormatTest.class.getResourceAsStream(name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @MethodSource("io.jenkins.plugins.deploytrain.ui.ViewModelFixturesTest#fixtures")
    void fixtureTrainIsExactlyWhatTheLedgerWrites(String name) throws IOException {
        JsonNode written = fixture(name).get("ledger-train");
        Train train = LedgerJson.mapper().treeToValue(written, Train.class);
        assertThat(train.targets()).isNotEmpty();
        assertThat((JsonNode) LedgerJson.mapper().valueToTree(train)).isEqualTo(written);
    }

    @Test
    void aTrainAndTheReconcilersQuestionMakeTheDocumentTheViewIsTestedWith() throws IOException {
        JsonNode fixture = fixture("train-24-dedicated");
        Train train = LedgerJson.mapper().treeToValue(fixture.get("ledger-train"), Train.class);
        String target = train.targets().stream().filter(t -> t.status() == TargetStatus.AWAITING_APPROVAL)
                .findFirst().orElseThrow().id();
        Decision.AwaitApproval question = new Decision.AwaitApproval(target,
                fixture.at("/awaiting/reason").asText(), List.of(ApprovalAction.PROCEED, ApprovalAction.SKIP, ApprovalAction.ABORT));
        ViewModel model = ViewModel.of(train, ViewModel.Awaiting.of(question, List.of()),
                new ViewModel.Plan(null, null, null, List.of()), true, fixture.at("/links/slackThread").asText());
        JsonNode rendered = new ObjectMapper().readTree(model.render());
        assertThat(rendered.get("ledger-train")).isEqualTo(fixture.get("ledger-train"));
        assertThat(rendered.get("awaiting")).isEqualTo(fixture.get("awaiting"));
    }

    @Test
    void silenceDurationsGoWithProceedAndAddNoChoice() {
        Decision.AwaitApproval question = new Decision.AwaitApproval("a/b", "gate failed",
                List.of(ApprovalAction.PROCEED, ApprovalAction.MARK_SUCCEEDED));
        assertThat(ViewModel.Awaiting.of(question, null).choices()).containsExactly("proceed", "mark-succeeded");
        ViewModel.Awaiting offered = ViewModel.Awaiting.of(question, List.of("PT1H"));
        assertThat(offered.choices()).containsExactly("proceed", "mark-succeeded");
        assertThat(offered.silenceDurations()).containsExactly("PT1H");
    }
}
