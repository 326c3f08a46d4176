package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.shadow.ObservationWindow.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window over the repository's recorded example pairs, as a shadow recorder appends them to the file
 * while the gate watches, and over the recorded Prometheus answers.
 */
class ObservationWindowTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private static ShadowLook lookAt(Path pairs, String rulesFile) throws Exception {
        ActiveRules rules = RulesFile.load(EXAMPLES.resolve(rulesFile)).activeFor(Optional.empty());
        return ShadowLook.of(ShadowComparison.ofRecordedPairs(pairs, rules, Thresholds.strict(), 5));
    }

    private Path firstLines(int n) throws Exception {
        List<String> lines = Files.readAllLines(EXAMPLES.resolve("shadow-pairs.jsonl"));
        Path file = dir.resolve("pairs.jsonl");
        Files.write(file, lines.subList(0, n));
        return file;
    }

    @Test
    void looksTenTimesOverTheWindowWithinFiveSecondsAndAMinute() {
        assertThat(ObservationWindow.starting(START, Duration.ofMinutes(5)).interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ObservationWindow.starting(START, Duration.ofSeconds(10)).interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ObservationWindow.starting(START, Duration.ofHours(2)).interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ObservationWindow.starting(START, Duration.ofHours(2)).end()).isEqualTo(START.plus(Duration.ofHours(2)));
    }

    @Test
    void aCleanFileIsWatchedUntilTheEndThenPasses() throws Exception {
        ObservationWindow window = ObservationWindow.starting(START, Duration.ofMinutes(5));

        Outcome early = window.judge(START, lookAt(firstLines(3), "shadow-rules.yaml"));
        Outcome late = window.judge(START.plusSeconds(290), lookAt(firstLines(6), "shadow-rules.yaml"));
        Outcome atEnd = window.judge(START.plusSeconds(300), lookAt(firstLines(8), "shadow-rules.yaml"));

        assertThat(early).isEqualTo(new Outcome.Watch(START.plusSeconds(30)));
        assertThat(late).as("the last look is at the end, not an interval after it")
                .isEqualTo(new Outcome.Watch(START.plusSeconds(300)));
        assertThat(atEnd).isEqualTo(new Outcome.Pass("8 pairs compared: 1 equal, 7 equal after rules, 0 unexpected"));
    }

    @Test
    void anUnexpectedDifferenceFailsAtOnceWithoutWaitingForTheEnd() throws Exception {
        Path rules = dir.resolve("no-rules.yaml");
        Files.writeString(rules, "rules: []\n");
        ObservationWindow window = ObservationWindow.starting(START, Duration.ofHours(1));
        ActiveRules none = RulesFile.load(rules).activeFor(Optional.empty());

        ShadowLook look = ShadowLook.of(ShadowComparison.ofRecordedPairs(firstLines(4), none, Thresholds.strict(), 5));

        assertThat(look).isInstanceOf(ShadowLook.Breach.class);
        assertThat(window.judge(START.plusSeconds(1), look))
                .isEqualTo(new Outcome.Fail(List.of("4 unexpected pairs, more than the 0 allowed")));
    }

    @Test
    void anEmptyFileIsNothingYetThenFailsAtTheEnd() throws Exception {
        ObservationWindow window = ObservationWindow.starting(START, Duration.ofMinutes(1));
        ShadowLook empty = lookAt(firstLines(0), "shadow-rules.yaml");

        assertThat(empty).isEqualTo(new ShadowLook.NothingYet(
                "0 pairs compared: 0 equal, 0 equal after rules, 0 unexpected", "no pair recorded yet"));
        assertThat(window.judge(START, empty)).isEqualTo(new Outcome.Watch(START.plusSeconds(6)));
        assertThat(window.judge(START.plusSeconds(60), empty)).isEqualTo(new Outcome.Fail(
                List.of("nothing to judge at the end of the observation window: no pair recorded yet")));
    }

    @Test
    void anUnreadableSourceIsLookedAtAgainThenFailsAtTheEndWithTheReason() {
        ObservationWindow window = ObservationWindow.starting(START, Duration.ofMinutes(1));
        ShadowLook unreadable = ShadowLook.unavailable("pairs.jsonl does not exist in the workspace yet");

        assertThat(window.judge(START.plusSeconds(1), unreadable)).isEqualTo(new Outcome.Watch(START.plusSeconds(7)));
        assertThat(window.judge(START.plusSeconds(61), unreadable)).isEqualTo(new Outcome.Fail(List.of(
                "nothing to judge at the end of the observation window: pairs.jsonl does not exist in the workspace yet")));
    }

    @Test
    void aFileOfOnlyBadLinesIsABreachNotSilence() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{not json\n");
        ActiveRules rules = RulesFile.load(EXAMPLES.resolve("shadow-rules.yaml")).activeFor(Optional.empty());

        ShadowLook look = ShadowLook.of(ShadowComparison.ofRecordedPairs(bad, rules, Thresholds.strict(), 5));

        assertThat(look).isInstanceOfSatisfying(ShadowLook.Breach.class,
                b -> assertThat(b.failures()).containsExactly("no pair was compared"));
    }

    @Test
    void prometheusWithoutSeriesWaitsAndCountsAreJudged() throws Exception {
        String compared = "sum(increase(shadow_compared_total[30m]))";
        String differing = "sum(increase(shadow_discrepancies_total[30m]))";
        ObservationWindow window = ObservationWindow.starting(START, Duration.ofMinutes(10));

        ShadowLook noSeries = ShadowLook.of(MetricVerdict.of(prometheus(Map.of(
                compared, "prometheus_api_v1_query_vector.json", differing, "prometheus_api_v1_query_empty.json"),
                compared, differing).read(), Thresholds.strict()));
        ShadowLook differences = ShadowLook.of(MetricVerdict.of(prometheus(Map.of(
                compared, "prometheus_api_v1_query_scalar.json", differing, "prometheus_api_v1_query_by_region.json"),
                compared, differing).read(), Thresholds.strict()));

        assertThat(noSeries).isInstanceOf(ShadowLook.NothingYet.class);
        assertThat(window.judge(START, noSeries)).isEqualTo(new Outcome.Watch(START.plusSeconds(60)));
        assertThat(differences).isInstanceOf(ShadowLook.Breach.class);
        assertThat(window.judge(START, differences)).isInstanceOfSatisfying(Outcome.Fail.class,
                f -> assertThat(f.failures()).containsExactly("0.1 discrepancies, more than the 0 allowed"));
    }

    @Test
    void aNegativeWindowIsRefused() {
        assertThatThrownBy(() -> ObservationWindow.starting(START, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the observation window cannot be negative, found PT-1S");
    }

    private static DiscrepancyMetricSource prometheus(Map<String, String> fileByQuery, String compared, String differing) {
        return new PrometheusDiscrepancySource(
                promql -> Files.readString(Fixtures.dir("prometheus").resolve(fileByQuery.get(promql))), compared, differing);
    }
}
