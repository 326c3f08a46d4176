package io.jenkins.plugins.deploytrain.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetLoaderTest {

    static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("fleet.yaml");

    private static List<String> problemsOf(String yaml) {
        try {
            FleetLoader.parse(yaml, "fleet.yaml");
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("the fleet was accepted");
    }

    @Test
    void loadsTheExampleFleet() {
        Fleet fleet = FleetLoader.load(EXAMPLE);
        assertThat(fleet.environments()).hasSize(24);
        assertThat(fleet.environments()).allSatisfy(e -> assertThat(e.zones()).hasSize(3));
        assertThat(fleet.environments().stream().map(Environment::provider).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("aws", "gcp", "azure");
        Map<Tier, Long> tiers = fleet.environments().stream().collect(Collectors.groupingBy(Environment::tier, Collectors.counting()));
        assertThat(tiers).containsEntry(Tier.STAGING, 1L).containsEntry(Tier.SHADOW, 1L).containsEntry(Tier.PRIMARY, 1L)
                .containsEntry(Tier.DEDICATED, 2L).containsEntry(Tier.PRODUCTION, 19L);
        assertThat(fleet.environments().stream().filter(e -> e.tier() == Tier.DEDICATED))
                .allSatisfy(e -> assertThat(e.blackouts()).containsExactly("us-trading-hours"));
        assertThat(fleet.window("us-trading-hours").orElseThrow().zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(fleet.window("us-trading-hours").orElseThrow().hours().start()).isEqualTo(LocalTime.of(9, 30));
        assertThat(fleet.holidays()).contains(LocalDate.of(2026, 12, 25));
        assertThat(fleet.freezes()).hasSize(1);
        assertThat(fleet.environment("prod-aws-us-east-1").orElseThrow().tier()).isEqualTo(Tier.PRIMARY);
        assertThat(fleet.environment("nope")).isEmpty();
    }

    @Test
    void readsEveryField() {
        Fleet fleet = FleetLoader.parse("""
                timezone: Europe/Paris
                windows:
                  office: {timezone: Europe/Paris, days: [monday, Tue], hours: "09:00-17:00"}
                  night: {timezone: UTC, hours: "22:00-02:00"}
                holidays: [2026-12-25]
                freezes:
                  - {from: 2026-12-20T18:00, to: "2027-01-04 08:00", timezone: Europe/Paris, reason: year end}
                environments:
                  - name: eu
                    provider: ovh
                    region: gra
                    zones: [gra1, gra2]
                    tier: production
                    allowed: [office, night]
                    blackouts: []
                    labels: {customer: acme}
                """, "fleet.yaml");
        assertThat(fleet.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(fleet.window("office").orElseThrow().days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
        assertThat(fleet.window("night").orElseThrow().days()).hasSize(7);
        assertThat(fleet.freezes().get(0).reason()).isEqualTo("year end");
        Environment eu = fleet.environments().get(0);
        assertThat(eu).isEqualTo(new Environment("eu", "ovh", "gra", List.of("gra1", "gra2"), Tier.PRODUCTION,
                List.of("office", "night"), List.of(), Map.of("customer", "acme")));
    }

    @Test
    void reportsEveryKindOfMistakeAtOnceWithItsLine() {
        assertThat(problemsOf("""
                windows:
                  office: {timezone: Europe/Pariss, days: [MON, FUN], hours: "9-17"}
                  late: {timezone: UTC, hours: "25:00-26:00", colour: red}
                  empty: {timezone: UTC, days: [], hours: "09:00-10:00"}
                holidays: [2026-02-30]
                freezes:
                  - {from: 2027-01-04T08:00, to: 2026-12-20T18:00, timezone: UTC}
                environments:
                  - name: a
                    provider: aws
                    region: us-east-1
                    zones: []
                    tier: prod
                    allowed: [office, weekend]
                  - name: a
                    provider: aws
                    region: us-east-1
                    zones: [z1, z1]
                    tier: primary
                    blakouts: [late]
                  - name: b/c
                    region: us-east-1
                    zones: z1
                    tier: primary
                colour: blue
                """)).containsExactly(
                "fleet.yaml:2:22: windows.office.timezone: unknown time zone 'Europe/Pariss' (use a region id such as Europe/Paris or America/New_York)",
                "fleet.yaml:2:49: windows.office.days[1]: unknown day 'FUN' (expected MON, TUE, WED, THU, FRI, SAT or SUN)",
                "fleet.yaml:2:62: windows.office.hours: invalid hours '9-17': expected HH:MM-HH:MM, e.g. 09:00-17:00",
                "fleet.yaml:3:32: windows.late.hours: invalid hours '25:00-26:00': '25:00' is not a time of day (00:00 to 23:59)",
                "fleet.yaml:3:47: windows.late.colour: unknown field 'colour' (expected one of timezone, days, hours)",
                "fleet.yaml:4:32: windows.empty.days: a window needs at least one day (omit 'days' for every day)",
                "fleet.yaml:5:12: holidays[0]: invalid date '2026-02-30' (expected YYYY-MM-DD)",
                "fleet.yaml:7:34: freezes[0].to: a freeze must end after it starts (from 2027-01-04T08:00)",
                "fleet.yaml:12:12: environments[0].zones: an environment needs at least one zone",
                "fleet.yaml:13:11: environments[0].tier: unknown tier 'prod' (expected one of staging, shadow, primary, production, dedicated)",
                "fleet.yaml:14:23: environments[0].allowed[1]: unknown window 'weekend' (defined: office, late, empty)",
                "fleet.yaml:15:11: environments[1].name: duplicate environment name 'a' (first at line 9)",
                "fleet.yaml:18:17: environments[1].zones[1]: zone 'z1' is listed twice",
                "fleet.yaml:20:5: environments[1].blakouts: unknown field 'blakouts' (did you mean 'blackouts'? expected one of name, provider, region, zones, tier, allowed, blackouts, labels)",
                "fleet.yaml:21:5: environments[2].provider: missing required field 'provider'",
                "fleet.yaml:21:11: environments[2].name: invalid name 'b/c' (letters, digits, '.', '_' and '-' only; it becomes part of ids and file names)",
                "fleet.yaml:23:12: environments[2].zones: expected a list, found 'z1'",
                "fleet.yaml:25:1: colour: unknown field 'colour' (expected one of timezone, windows, holidays, freezes, environments)");
    }

    @Test
    void anEnvironmentCanCopyAnAnchoredOne() {
        Fleet fleet = FleetLoader.parse("""
                windows:
                  office: {timezone: America/New_York, hours: "09:00-17:00"}
                  trading: {timezone: America/New_York, hours: "09:30-16:00"}
                environments:
                  - &us-east {name: prod-us-east-2, provider: aws, region: us-east-2, zones: [a, b], tier: production, allowed: [office]}
                  - {<<: *us-east, name: dedicated-acme, tier: dedicated, allowed: [], blackouts: [trading]}
                """, "fleet.yaml");
        assertThat(fleet.environments().get(1)).isEqualTo(new Environment("dedicated-acme", "aws", "us-east-2", List.of("a", "b"),
                Tier.DEDICATED, List.of(), List.of("trading"), Map.of()));
    }

    @Test
    void aSecondPrimaryIsAProblem() {
        assertThat(problemsOf("""
                environments:
                  - {name: a, provider: aws, region: r, zones: [z], tier: primary}
                  - {name: b, provider: aws, region: r, zones: [z], tier: primary}
                """)).containsExactly(
                "fleet.yaml:3:59: environments[1].tier: a second primary environment (the first is at line 2); the bake follows the one primary");
    }

    @Test
    void missingOrEmptyEnvironmentsAndNonMappingRoot() {
        assertThat(problemsOf("windows: {}\n")).containsExactly("fleet.yaml:1:1: environments: missing required field 'environments'");
        assertThat(problemsOf("environments: []\n")).containsExactly("fleet.yaml:1:15: environments: a fleet needs at least one environment");
        assertThat(problemsOf("- a\n- b\n")).containsExactly("fleet.yaml:1:1: expected a mapping (key: value lines), found a list");
    }

    @Test
    void windowsWithoutTimezoneOrHoursAreReportedOnceNotAtEveryUse() {
        assertThat(problemsOf("""
                windows:
                  w: {days: [MON]}
                environments:
                  - {name: a, provider: aws, region: r, zones: [z], tier: staging, blackouts: [w, x]}
                """)).containsExactly(
                "fleet.yaml:2:6: windows.w.timezone: missing required field 'timezone'",
                "fleet.yaml:2:6: windows.w.hours: missing required field 'hours'",
                "fleet.yaml:4:83: environments[0].blackouts[1]: unknown window 'x' (defined: w)");
    }

    @Test
    void buildsFromPipelineMapsWithTheSameValidation() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "prod-eu");
        env.put("provider", "aws");
        env.put("region", "eu-west-1");
        env.put("zones", List.of("eu-west-1a", "eu-west-1b"));
        env.put("tier", "primary");
        Fleet fleet = FleetLoader.fromTree(Map.of("environments", List.of(env)), "deployTrain(fleet:)");
        assertThat(fleet.environments().get(0).zones()).containsExactly("eu-west-1a", "eu-west-1b");

        env.put("tier", "main");
        assertThatThrownBy(() -> FleetLoader.fromTree(Map.of("environments", List.of(env)), "deployTrain(fleet:)"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("deployTrain(fleet:): environments[0].tier: unknown tier 'main'");
    }
}
