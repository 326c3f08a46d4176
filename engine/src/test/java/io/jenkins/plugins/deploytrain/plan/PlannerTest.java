package io.jenkins.plugins.deploytrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

    static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    static final Fleet FLEET = FleetLoader.load(EXAMPLES.resolve("fleet.yaml"));
    static final TrainSpec TRAIN = TrainSpecLoader.load(EXAMPLES.resolve("train.yaml"), FLEET);
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static TrainSpec train(String extra) {
        return TrainSpecLoader.parse("service: s\nversion: '1'\nbake: 12h\nsoakAfterZone: 15m\nsoakAfterEnvironment: 1h\nzoneDeployEstimate: 20m\n" + extra,
                "train.yaml", Optional.of(FLEET));
    }

    private static List<String> environments(List<Step> steps) {
        return steps.stream().map(s -> s.target().environment()).distinct().toList();
    }

    @Test
    void ordersStagingShadowPrimaryThenOrderedThenProductionThenDedicated() {
        List<Step> steps = Planner.steps(FLEET, TRAIN);
        assertThat(steps).hasSize(72);
        assertThat(environments(steps)).startsWith("staging-aws-us-east-1", "shadow-gcp-us-central1", "prod-aws-us-east-1",
                "prod-aws-eu-west-1", "prod-gcp-europe-west1", "prod-gcp-europe-west4", "prod-aws-us-east-2");
        assertThat(environments(steps)).endsWith("prod-azure-japaneast", "dedicated-acme-aws-us-east-1", "dedicated-globex-gcp-us-east4");
        assertThat(steps.get(0).target()).isEqualTo(new Target("staging-aws-us-east-1", "us-east-1a"));
        assertThat(steps).extracting(Step::index).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 72).boxed().toList());
    }

    @Test
    void soaksAndTheBakeSitOnTheRightSteps() {
        List<Step> steps = Planner.steps(FLEET, TRAIN);
        Step primaryLast = steps.get(8);
        assertThat(primaryLast.target()).isEqualTo(new Target("prod-aws-us-east-1", "us-east-1c"));
        assertThat(primaryLast.lastZoneOfEnvironment()).isTrue();
        assertThat(primaryLast.bakeAfter()).isEqualTo(Duration.ofHours(12));
        assertThat(primaryLast.soakAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(steps.get(7).soakAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(steps.get(7).lastZoneOfEnvironment()).isFalse();
        assertThat(steps.stream().filter(s -> s != primaryLast)).allSatisfy(s -> assertThat(s.bakeAfter()).isZero());
    }

    @Test
    void sortAndSelectionAreHonoured() {
        List<Step> byName = Planner.steps(FLEET, train("sort: name\n"));
        assertThat(environments(byName).subList(3, 6)).containsExactly("prod-aws-ap-northeast-1", "prod-aws-ap-southeast-2", "prod-aws-eu-central-1");
        List<Step> sox = Planner.steps(FLEET, train("select: {labels: {compliance: sox}}\n"));
        assertThat(environments(sox)).containsExactly("dedicated-acme-aws-us-east-1", "dedicated-globex-gcp-us-east4");
        List<Step> gcp = Planner.steps(FLEET, train("select: {environments: ['*-gcp-*'], tiers: [shadow, production]}\n"));
        assertThat(environments(gcp)).first().isEqualTo("shadow-gcp-us-central1");
        assertThat(environments(gcp)).hasSize(7);
        assertThatThrownBy(() -> Planner.steps(FLEET, train("select: {environments: [nothing]}\n")))
                .isInstanceOf(PlanException.class).hasMessageContaining("matches no environment");
    }

    @Test
    void schedulesTheExampleUnderEveryWindow() {
        Instant monday = ZonedDateTime.of(LocalDateTime.parse("2026-11-30T09:00"), PARIS).toInstant();
        TrainSchedule schedule = Planner.schedule(FLEET, TRAIN, monday);
        assertThat(schedule.steps()).hasSize(72);
        ScheduledStep first = schedule.steps().get(0);
        assertThat(first.start()).isEqualTo(monday);
        assertThat(first.end()).isEqualTo(monday.plus(Duration.ofMinutes(20)));
        // the primary waits for New York business hours: 09:00 EST
        ScheduledStep primary = schedule.steps().get(6);
        assertThat(primary.start()).isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2026-11-30T09:00"), NEW_YORK).toInstant());
        // the bake: nothing before the primary's last zone ends plus 12 hours
        Instant bakeOver = schedule.steps().get(8).end().plus(Duration.ofHours(12));
        assertThat(schedule.steps().get(9).start()).isAfterOrEqualTo(bakeOver);
        // the dedicated environments never overlap US trading hours
        schedule.steps().stream().filter(s -> s.step().tier() == Tier.DEDICATED).forEach(s -> {
            var start = s.start().atZone(NEW_YORK);
            var end = s.end().atZone(NEW_YORK);
            boolean weekday = start.getDayOfWeek().getValue() <= 5;
            boolean overlaps = weekday && start.toLocalTime().isBefore(java.time.LocalTime.of(16, 0))
                    && end.toLocalTime().isAfter(java.time.LocalTime.of(9, 30));
            assertThat(overlaps).as(s.toString()).isFalse();
        });
        assertThat(schedule.eta()).isEqualTo(schedule.steps().get(71).end().plus(Duration.ofHours(1)));
        assertThat(schedule.eta()).isEqualTo(Instant.parse("2026-12-08T07:30:00Z"));
    }

    @Test
    void aTrainUnderWayIsPlannedAgainFromNowWithWhatIsDoneTakingNoTime() {
        Instant monday = ZonedDateTime.of(LocalDateTime.parse("2026-11-30T09:00"), PARIS).toInstant();
        TrainSchedule whole = Planner.schedule(FLEET, TRAIN, monday);
        List<String> ids = whole.steps().stream().map(s -> s.step().target().id()).toList();
        // staging and shadow done; two days later (Wednesday 09:00 Paris, before New York opens) the view looks again
        java.util.Set<String> done = java.util.Set.copyOf(ids.subList(0, 6));
        Instant wednesday = monday.plus(Duration.ofDays(2));

        TrainSchedule rest = Planner.scheduleRemaining(FLEET, TRAIN, wednesday, id -> !done.contains(id));

        assertThat(rest.steps()).hasSize(66);
        assertThat(rest.steps().get(0).step().target().id()).isEqualTo(ids.get(6));
        assertThat(rest.steps()).allSatisfy(s -> assertThat(s.start()).isAfterOrEqualTo(wednesday));
        // the primary still waits for New York business hours, now on Wednesday
        assertThat(rest.steps().get(0).start())
                .isEqualTo(ZonedDateTime.of(LocalDateTime.parse("2026-12-02T09:00"), NEW_YORK).toInstant());
        assertThat(rest.eta()).isAfter(whole.eta());
        assertThat(Planner.scheduleRemaining(FLEET, TRAIN, monday, id -> true)).isEqualTo(whole);
    }

    @Test
    void theYearEndFreezePushesTheTrainIntoJanuary() {
        Instant friday = ZonedDateTime.of(LocalDateTime.parse("2026-12-18T16:00"), PARIS).toInstant();
        TrainSchedule schedule = Planner.schedule(FLEET, TRAIN, friday);
        Instant freezeEnd = ZonedDateTime.of(LocalDateTime.parse("2027-01-04T08:00"), PARIS).toInstant();
        Instant freezeStart = ZonedDateTime.of(LocalDateTime.parse("2026-12-21T00:00"), PARIS).toInstant();
        assertThat(schedule.steps()).allSatisfy(s -> assertThat(s.end().isAfter(freezeStart) && s.start().isBefore(freezeEnd))
                .as(s.toString()).isFalse());
        assertThat(schedule.eta()).isAfter(freezeEnd);
    }

    @Test
    void anEnvironmentThatNeverOpensIsNamed() {
        Fleet closed = FleetLoader.parse("""
                windows:
                  always: {timezone: UTC, hours: "00:00-24:00"}
                environments:
                  - {name: stuck, provider: aws, region: r, zones: [a], tier: production, blackouts: [always]}
                """, "fleet.yaml");
        TrainSpec spec = TrainSpecLoader.parse("service: s\nversion: '1'\n", "train.yaml", Optional.of(closed));
        assertThatThrownBy(() -> Planner.schedule(closed, spec, Instant.parse("2026-12-01T00:00:00Z")))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("environment 'stuck': no deploy window of 30 minutes for zone 'a' within 400 days");
    }

    @Test
    void calendarIsWhatTheReconcilerAsks() {
        TrainCalendar calendar = new TrainCalendar(FLEET, TRAIN);
        Step dedicated = Planner.steps(FLEET, TRAIN).get(66);
        Instant tuesdayTen = ZonedDateTime.of(LocalDateTime.parse("2026-12-01T10:00"), NEW_YORK).toInstant();
        assertThat(calendar.earliestStart(dedicated, tuesdayTen))
                .contains(ZonedDateTime.of(LocalDateTime.parse("2026-12-01T16:00"), NEW_YORK).toInstant());
    }

    @Test
    void targetIdsRoundTrip() {
        Target t = new Target("prod-aws-us-east-1", "us-east-1a");
        assertThat(t.id()).isEqualTo("prod-aws-us-east-1/us-east-1a");
        assertThat(Target.parse(t.id())).isEqualTo(t);
        assertThatThrownBy(() -> Target.parse("no-zone")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.parse("a/b/c")).isInstanceOf(IllegalArgumentException.class);
    }
}
