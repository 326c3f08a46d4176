package io.jenkins.plugins.deploytrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultWindowsTest {

    /** One environment with no windows of its own: only the train's (or the defaults') limit it. */
    private static final Fleet FLEET = FleetLoader.parse("""
            windows:
              nights:
                timezone: UTC
                hours: "22:00-06:00"
            environments:
              - {name: prod-eu, provider: aws, region: eu-west-1, zones: [a], tier: production}
            """, "fleet.yaml");

    private static final String BUSINESS_HOURS = """
            business-hours:
              timezone: Europe/Paris
              days: [MON, TUE, WED, THU, FRI]
              hours: "09:00-17:00"
            """;

    private static TrainSpec train(String allowed) {
        return TrainSpecLoader.parse("service: payments-api\nversion: 1.2.3\n" + allowed, "train.yaml", Optional.of(FLEET));
    }

    private static List<String> problemsOf(Runnable r) {
        try {
            r.run();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void readsWindowsInTheShapeOfAFleetsWindowsSection() {
        DefaultWindows defaults = DefaultWindows.parse(BUSINESS_HOURS, "Default windows");

        assertThat(defaults.windows()).containsOnlyKeys("business-hours");
        assertThat(defaults.windows().get("business-hours").zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(defaults.windows().get("business-hours").days()).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(defaults.windows().get("business-hours").hours().start()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void emptyTextIsNoDefaults() {
        assertThat(DefaultWindows.parse("", "Default windows").isEmpty()).isTrue();
        assertThat(DefaultWindows.parse("  \n", "Default windows").isEmpty()).isTrue();
        assertThat(DefaultWindows.parse(null, "Default windows")).isEqualTo(DefaultWindows.NONE);
    }

    @Test
    void everyProblemIsNamedWithItsLineAndField() {
        List<String> problems = problemsOf(() -> DefaultWindows.parse("""
                business-hours:
                  zone: Europe/Paris
                  hours: "09:00-17:00"
                weekend:
                  timezone: Mars/Olympus
                  days: [SAT, SUNDAY, FUN]
                  hours: "10:00-12:00"
                """, "Default windows"));

        assertThat(String.join("\n", problems))
                .contains("Default windows:2")
                .contains("zone")
                .contains("timezone")
                .contains("Mars/Olympus")
                .contains("FUN");
    }

    @Test
    void aTrainWithoutWindowsGetsTheDefaultsAsIfItListedThem() {
        DefaultWindows defaults = DefaultWindows.parse(BUSINESS_HOURS, "Default windows");

        DefaultWindows.Applied applied = defaults.applyTo(FLEET, train(""));

        assertThat(applied.spec().allowed()).containsExactly("business-hours");
        assertThat(applied.fleet().windows()).containsOnlyKeys("nights", "business-hours");
        assertThat(applied.spec().service()).isEqualTo("payments-api");
        assertThat(applied.spec().version()).contains("1.2.3");
    }

    @Test
    void aTrainWithItsOwnWindowsKeepsThem() {
        DefaultWindows defaults = DefaultWindows.parse(BUSINESS_HOURS, "Default windows");
        TrainSpec own = train("allowed: [nights]\n");

        DefaultWindows.Applied applied = defaults.applyTo(FLEET, own);

        assertThat(applied.spec()).isSameAs(own);
        assertThat(applied.fleet()).isSameAs(FLEET);
    }

    @Test
    void noDefaultsChangeNothing() {
        TrainSpec spec = train("");

        DefaultWindows.Applied applied = DefaultWindows.NONE.applyTo(FLEET, spec);

        assertThat(applied.spec()).isSameAs(spec);
        assertThat(applied.fleet()).isSameAs(FLEET);
    }

    @Test
    void theDefaultsLimitWhenTheTrainDeploys() {
        // Saturday 2026-12-05 10:00 in Paris: the defaults open on Monday at 09:00
        Instant saturday = Instant.parse("2026-12-05T09:00:00Z");
        DefaultWindows.Applied applied = DefaultWindows.parse(BUSINESS_HOURS, "Default windows").applyTo(FLEET, train(""));
        PlannedTrain unlimited = PlannedTrain.of(FLEET, train(""));
        PlannedTrain limited = PlannedTrain.of(applied.fleet(), applied.spec());

        assertThat(unlimited.windows().earliestStart(unlimited.targets().get(0), saturday)).contains(saturday);
        assertThat(limited.windows().earliestStart(limited.targets().get(0), saturday))
                .contains(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void aDefaultWindowNamedLikeADifferentFleetWindowIsRefusedWithBothNamed() {
        DefaultWindows clash = DefaultWindows.parse("""
                nights:
                  timezone: UTC
                  hours: "20:00-23:00"
                """, "Default windows");

        List<String> problems = problemsOf(() -> clash.applyTo(FLEET, train("")));

        assertThat(problems).singleElement().asString()
                .contains("the default window 'nights' differs from the fleet's window of the same name")
                .contains("22:00")
                .contains("20:00")
                .contains("allowed: [nights]");
    }

    @Test
    void aDefaultWindowIdenticalToTheFleetsIsTheSameWindow() {
        DefaultWindows same = DefaultWindows.parse("""
                nights:
                  timezone: UTC
                  hours: "22:00-06:00"
                """, "Default windows");

        DefaultWindows.Applied applied = same.applyTo(FLEET, train(""));

        assertThat(applied.spec().allowed()).containsExactly("nights");
        assertThat(applied.fleet().windows()).containsOnlyKeys("nights");
    }
}
