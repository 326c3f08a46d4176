package io.jenkins.plugins.deploytrain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An approval's optional silence duration: ISO-8601 in the ledger, only with proceed, always positive. */
class ApprovalSilenceTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void theSilenceIsAnIso8601DurationInTheLedgerAndReadsBack() throws Exception {
        Approval approval = new Approval("t1", "prod/a", ApprovalAction.PROCEED, "alice", "known flake", AT, Duration.ofHours(2));

        JsonNode json = LedgerJson.mapper().valueToTree(approval);

        assertThat(json.get("silenceFor").asText()).isEqualTo("PT2H");
        assertThat(LedgerJson.mapper().treeToValue(json, Approval.class)).isEqualTo(approval);
        assertThat(approval.silence()).contains(Duration.ofHours(2));
    }

    @Test
    void anApprovalWithoutSilenceHasNoSuchPropertySoOlderLedgersKeepTheirChecksum() throws Exception {
        JsonNode json = LedgerJson.mapper().valueToTree(new Approval("t1", null, ApprovalAction.RETRY, "bob", null, AT));

        assertThat(json.has("silenceFor")).isFalse();
        assertThat(LedgerJson.mapper().treeToValue(json, Approval.class).silence()).isEmpty();
    }

    @Test
    void onlyAPositiveSilenceWithProceedIsAccepted() {
        assertThatThrownBy(() -> new Approval("t1", "prod/a", ApprovalAction.RETRY, "alice", null, AT, Duration.ofHours(1)))
                .hasMessage("only proceed can silence the monitors, not retry");
        assertThatThrownBy(() -> new Approval("t1", "prod/a", ApprovalAction.PROCEED, "alice", null, AT, Duration.ZERO))
                .hasMessage("a silence lasts a positive duration, not PT0S");
    }
}
