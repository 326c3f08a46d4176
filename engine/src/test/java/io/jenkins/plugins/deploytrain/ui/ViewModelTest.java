package io.jenkins.plugins.deploytrain.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import io.jenkins.plugins.deploytrain.plan.ScheduledStep;
import io.jenkins.plugins.deploytrain.plan.Step;
import io.jenkins.plugins.deploytrain.plan.Target;
import io.jenkins.plugins.deploytrain.plan.TrainSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = ViewModelTest.class.getResourceAsStream(name + ".json")) {
            return JSON.readTree(in);
        }
    }

    private static List<String> violations(byte[] document) throws IOException {
        SchemaSubset schema = new SchemaSubset(JSON.readTree(UiAssets.open("view-model.schema.json").orElseThrow().readAllBytes()));
        return schema.violations(JSON.readTree(document));
    }

    private static ViewModel.Awaiting awaitingOf(JsonNode fixture) {
        JsonNode a = fixture.get("awaiting");
        List<String> choices = new ArrayList<>();
        a.get("choices").forEach(c -> choices.add(c.asText()));
        List<String> silences = new ArrayList<>();
        a.path("silenceDurations").forEach(c -> silences.add(c.asText()));
        return new ViewModel.Awaiting(a.get("target").asText(), a.get("reason").asText(), choices, silences);
    }

    private static ViewModel.Plan planOf(JsonNode fixture) {
        JsonNode p = fixture.get("plan");
        List<ViewModel.PlannedStep> steps = new ArrayList<>();
        p.get("steps").forEach(s -> steps.add(new ViewModel.PlannedStep(s.get("target").asText(),
                Instant.parse(s.get("plannedStart").asText()), Instant.parse(s.get("plannedFinish").asText()))));
        return new ViewModel.Plan(Instant.parse(p.get("eta").asText()), null, null, steps);
    }

    @Test
    void composesExactlyTheDocumentTheViewIsTestedWith() throws IOException {
        JsonNode fixture = fixture("train-24-approval");
        ViewModel model = new ViewModel(fixture.get("ledger-train"), awaitingOf(fixture), planOf(fixture), true,
                fixture.at("/links/slackThread").asText());
        byte[] document = model.render();
        assertThat(violations(document)).isEmpty();
        assertThat(JSON.readTree(document)).isEqualTo(fixture);
    }

    @Test
    void aTrainThatIsOverHasNoQuestionAndNoPlan() throws IOException {
        JsonNode fixture = fixture("train-24-done");
        byte[] document = new ViewModel(fixture.get("ledger-train"), null, ViewModel.Plan.none(), false, null).render();
        assertThat(violations(document)).isEmpty();
        JsonNode tree = JSON.readTree(document);
        assertThat(tree.get("awaiting").isNull()).isTrue();
        assertThat(tree.at("/plan/eta").isNull()).isTrue();
        assertThat(tree.at("/plan/steps")).isEmpty();
        assertThat(tree.at("/viewer/mayApprove").asBoolean()).isFalse();
    }

    @Test
    void planKeepsOnlyTheStepsStillToRunFromThePlannersSchedule() {
        Instant t0 = Instant.parse("2026-11-26T09:00:00Z");
        List<ScheduledStep> scheduled = new ArrayList<>();
        String[] zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"};
        for (int i = 0; i < zones.length; i++) {
            Step step = new Step(i, new Target("prod-euw1", zones[i]), Tier.PRODUCTION, "aws", "eu-west-1",
                    Duration.ofMinutes(10), Duration.ZERO, i == zones.length - 1);
            scheduled.add(new ScheduledStep(step, t0.plus(Duration.ofMinutes(20L * i)), t0.plus(Duration.ofMinutes(20L * i + 5))));
        }
        TrainSchedule schedule = new TrainSchedule(t0, scheduled, t0.plus(Duration.ofMinutes(55)));
        Instant opens = Instant.parse("2026-11-27T07:00:00Z");
        ViewModel.Plan plan = ViewModel.Plan.of(schedule, Set.of("prod-euw1/eu-west-1b", "prod-euw1/eu-west-1c")::contains,
                opens, "window closed");
        assertThat(plan.steps()).extracting(ViewModel.PlannedStep::target)
                .containsExactly("prod-euw1/eu-west-1b", "prod-euw1/eu-west-1c");
        assertThat(plan.steps().get(0).plannedStart()).isEqualTo(Instant.parse("2026-11-26T09:20:00Z"));
        assertThat(plan.eta()).isEqualTo(Instant.parse("2026-11-26T09:55:00Z"));
        assertThat(plan.nextWindowOpensAt()).isEqualTo(opens);
    }

    @Test
    void onlyHttpLinksReachTheView() throws IOException {
        JsonNode train = fixture("train-24-start").get("ledger-train");
        for (String bad : new String[] {"javascript:alert(5)", "data:text/html,<b>x</b>", "/relative", "not a url", "https://"}) {
            JsonNode tree = JSON.readTree(new ViewModel(train, null, ViewModel.Plan.none(), true, bad).render());
            assertThat(tree.at("/links/slackThread").isNull()).as(bad).isTrue();
        }
        String good = "https://example.slack.com/archives/C0DEPLOY/p1764147600000100";
        JsonNode tree = JSON.readTree(new ViewModel(train, null, ViewModel.Plan.none(), true, good).render());
        assertThat(tree.at("/links/slackThread").asText()).isEqualTo(good);
    }

    @Test
    void hostileStringsStayData() throws IOException {
        JsonNode fixture = fixture("train-hostile");
        byte[] document = new ViewModel(fixture.get("ledger-train"), awaitingOf(fixture), ViewModel.Plan.none(), true, null).render();
        JsonNode tree = JSON.readTree(document);
        assertThat(tree.at("/ledger-train/version").asText()).isEqualTo("\"><img src=x onerror=alert(2)>");
        assertThat(tree.at("/awaiting/reason").asText()).isEqualTo("<img src=x onerror=alert(7)> gate failed");
    }

    @Test
    void etagFollowsTheBytesAndIfNoneMatchUnderstandsLists() throws IOException {
        JsonNode a = fixture("train-24-start");
        JsonNode b = fixture("train-24-bake");
        byte[] first = new ViewModel(a.get("ledger-train"), null, ViewModel.Plan.none(), true, null).render();
        byte[] again = new ViewModel(a.get("ledger-train"), null, ViewModel.Plan.none(), true, null).render();
        byte[] other = new ViewModel(b.get("ledger-train"), null, ViewModel.Plan.none(), true, null).render();
        String tag = ViewModel.etag(first);
        assertThat(tag).matches("\"[0-9a-f]{24}\"");
        assertThat(ViewModel.etag(again)).isEqualTo(tag);
        assertThat(ViewModel.etag(other)).isNotEqualTo(tag);
        assertThat(ViewModel.matches(tag, tag)).isTrue();
        assertThat(ViewModel.matches("\"x\", " + tag, tag)).isTrue();
        assertThat(ViewModel.matches("W/" + tag, tag)).isTrue();
        assertThat(ViewModel.matches("*", tag)).isTrue();
        assertThat(ViewModel.matches(ViewModel.etag(other), tag)).isFalse();
        assertThat(ViewModel.matches(null, tag)).isFalse();
    }

    @Test
    void refusesSomethingThatIsNotALedgerTrain() {
        assertThatThrownBy(() -> new ViewModel(JSON.createArrayNode(), null, ViewModel.Plan.none(), true, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ledger train");
    }
}
