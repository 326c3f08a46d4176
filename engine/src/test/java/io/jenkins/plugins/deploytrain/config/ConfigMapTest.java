package io.jenkins.plugins.deploytrain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMapTest {

    enum Kind { STAGING, SHADOW, PRIMARY }

    private final Problems problems = new Problems();

    private ConfigMap read(String yaml) {
        return ConfigValue.root(YamlTree.parse(yaml, "c.yaml"), problems).asMap().orElseThrow();
    }

    private List<String> reported() {
        return problems.all().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void typedAccessorsReadGoodValues() {
        ConfigMap m = read("""
                tier: Primary
                bake: 1h30m
                iso: PT45M
                days: 2d
                zone: Europe/Paris
                date: 2026-12-25
                at: 2026-12-20T18:00
                n: 7
                ok: true
                list: [a, b]
                labels: {customer: acme, team: pay}
                """);
        assertThat(m.get("tier", v -> v.asEnum(Kind.class, "tier"))).contains(Kind.PRIMARY);
        assertThat(m.get("bake", ConfigValue::asDuration)).contains(Duration.ofMinutes(90));
        assertThat(m.get("iso", ConfigValue::asDuration)).contains(Duration.ofMinutes(45));
        assertThat(m.get("days", ConfigValue::asDuration)).contains(Duration.ofDays(2));
        assertThat(m.get("zone", ConfigValue::asZoneId)).contains(ZoneId.of("Europe/Paris"));
        assertThat(m.get("date", ConfigValue::asLocalDate)).contains(LocalDate.of(2026, 12, 25));
        assertThat(m.get("at", ConfigValue::asLocalDateTime)).contains(LocalDateTime.of(2026, 12, 20, 18, 0));
        assertThat(m.get("n", ConfigValue::asInt)).contains(7);
        assertThat(m.get("ok", ConfigValue::asBoolean)).contains(true);
        assertThat(m.stringList("list")).containsExactly("a", "b");
        assertThat(m.stringMap("labels")).isEqualTo(Map.of("customer", "acme", "team", "pay"));
        assertThat(m.get("absent", ConfigValue::asDuration)).isEmpty();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void everyBadValueIsRecordedWithLineFieldAndValue() {
        ConfigMap m = read("""
                tier: prod
                bake: 12 hours
                zone: Mars/Olympus
                date: 2026-13-01
                list: just-one
                n: many
                day: FUNDAY
                """);
        m.get("tier", v -> v.asEnum(Kind.class, "tier"));
        m.get("bake", ConfigValue::asDuration);
        m.get("zone", ConfigValue::asZoneId);
        m.get("date", ConfigValue::asLocalDate);
        m.stringList("list");
        m.get("n", ConfigValue::asInt);
        m.get("day", v -> v.as("day", DayOfWeek::valueOf));
        assertThat(reported()).containsExactly(
                "c.yaml:1:7: tier: unknown tier 'prod' (expected one of staging, shadow, primary)",
                "c.yaml:2:7: bake: invalid duration '12 hours' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)",
                "c.yaml:3:7: zone: unknown time zone 'Mars/Olympus' (use a region id such as Europe/Paris or America/New_York)",
                "c.yaml:4:7: date: invalid date '2026-13-01' (expected YYYY-MM-DD)",
                "c.yaml:5:7: list: expected a list, found 'just-one'",
                "c.yaml:6:4: n: invalid number 'many': For input string: \"many\"",
                "c.yaml:7:6: day: invalid day 'FUNDAY': No enum constant java.time.DayOfWeek.FUNDAY");
        assertThat(problems.all().get(0).value()).isEqualTo("prod");
    }

    @Test
    void unknownFieldsAreReportedAtTheKeyWithASuggestion() {
        ConfigMap m = read("""
                name: a
                envs:
                  - tiers: primary
                    zone: [a]
                """);
        m.rejectUnknown("name", "environments");
        m.required("envs").flatMap(ConfigValue::asList).orElseThrow().get(0).asMap().orElseThrow()
                .rejectUnknown("tier", "zones");
        assertThat(reported()).containsExactly(
                "c.yaml:2:1: envs: unknown field 'envs' (expected one of name, environments)",
                "c.yaml:3:5: envs[0].tiers: unknown field 'tiers' (did you mean 'tier'? expected one of tier, zones)",
                "c.yaml:4:5: envs[0].zone: unknown field 'zone' (did you mean 'zones'? expected one of tier, zones)");
    }

    @Test
    void missingAndEmptyRequiredFields() {
        ConfigMap m = read("""
                first: 1
                name:
                """);
        m.required("name");
        m.required("zones");
        assertThat(reported()).containsExactly(
                "c.yaml:2:1: name: 'name' needs a value",
                "c.yaml:1:1: zones: missing required field 'zones'");
    }

    @Test
    void exceptionListsEveryProblemInDocumentOrder() {
        ConfigMap m = read("a: x\nb: y\n");
        m.get("b", ConfigValue::asDuration);
        m.get("a", ConfigValue::asDuration);
        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOf(ConfigException.class)
                .hasMessage("2 problems:\n"
                        + "  c.yaml:1:4: a: invalid duration 'x' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)\n"
                        + "  c.yaml:2:4: b: invalid duration 'y' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)");
    }

    @Test
    void secretValuesNeverAppearInProblems() {
        ConfigMap m = read("slack:\n  token: xoxb-123-secret\n");
        m.required("slack").flatMap(ConfigValue::asMap).orElseThrow().get("token", ConfigValue::asInt);
        assertThat(problems.all().get(0).value()).isEqualTo(ConfigProblem.REDACTED);
        assertThat(problems.all().get(0).field()).isEqualTo("slack.token");
        assertThat(problems.all().get(0).toString())
                .isEqualTo("c.yaml:2:10: slack.token: invalid number '****': For input string: \"****\"")
                .doesNotContain("xoxb");
    }

    @Test
    void rawSectionsAreKeptForLaterLoaders() {
        ConfigMap m = read("gates:\n  - prometheus: up\nservice: pay\n");
        assertThat(m.raw(List.of("gates", "slack"))).containsOnlyKeys("gates");
        assertThat(m.raw(List.of("gates")).get("gates").location().line()).isEqualTo(2);
    }
}
