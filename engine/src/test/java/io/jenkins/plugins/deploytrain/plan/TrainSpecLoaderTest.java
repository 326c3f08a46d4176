package io.jenkins.plugins.deploytrain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainSpecLoaderTest {

    static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    static final Fleet FLEET = FleetLoader.load(EXAMPLES.resolve("fleet.yaml"));

    private static List<String> problemsOf(String yaml) {
        try {
            TrainSpecLoader.parse(yaml, "train.yaml", Optional.of(FLEET));
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("the train was accepted");
    }

    @Test
    void loadsTheExampleTrain() {
        TrainSpec spec = TrainSpecLoader.load(EXAMPLES.resolve("train.yaml"), FLEET);
        assertThat(spec.service()).isEqualTo("payments-api");
        assertThat(spec.version()).contains("2026.11.26-1");
        assertThat(spec.versionFrom()).isEmpty();
        assertThat(spec.bake()).isEqualTo(Duration.ofHours(12));
        assertThat(spec.soakAfterZone()).isEqualTo(Duration.ofMinutes(15));
        assertThat(spec.soakAfterEnvironment()).isEqualTo(Duration.ofHours(1));
        assertThat(spec.zoneDeployEstimate()).isEqualTo(Duration.ofMinutes(20));
        assertThat(spec.order()).extracting(Glob::text).containsExactly("prod-aws-eu-west-1", "prod-gcp-europe-*");
        assertThat(spec.fleetPath(EXAMPLES.resolve("train.yaml"))).contains(EXAMPLES.resolve("fleet.yaml").toAbsolutePath().normalize());
    }

    @Test
    void readsAVersionFromQueryWithItsLine() {
        TrainSpec spec = TrainSpecLoader.parse("""
                service: payments-api
                versionFrom:
                  bakedFor: 24h
                  prometheus: 'build_info{service="payments-api", environment="${environment}"}'
                """, "train.yaml", Optional.of(FLEET));
        VersionSelector selector = spec.versionFrom().orElseThrow();
        BakedQuery query = selector.query().orElseThrow();
        assertThat(query.system()).isEqualTo(BakedQuery.System.PROMETHEUS);
        assertThat(query.template()).isEqualTo("build_info{service=\"payments-api\", environment=\"${environment}\"}");
        assertThat(query.where().line()).isEqualTo(4);
        assertThat(query.render(BakedQuery.variables(BakedQuery.environment(FLEET, Optional.empty()).orElseThrow(), "payments-api")))
                .isEqualTo("build_info{service=\"payments-api\", environment=\"prod-aws-us-east-1\"}");
        assertThat(selector.describe()).isEqualTo("baked 1d in the primary, per Prometheus " + query.template());

        VersionSelector datadog = TrainSpecLoader.parse("""
                service: payments-api
                versionFrom: {environment: prod-aws-us-east-2, bakedFor: 12h, datadog: 'avg:build.info{service:payments-api,env:${environment}} by {version}'}
                """, "train.yaml", Optional.of(FLEET)).versionFrom().orElseThrow();
        assertThat(datadog.query().orElseThrow().system()).isEqualTo(BakedQuery.System.DATADOG);
        assertThat(datadog.describe()).isEqualTo("baked 12h in environment prod-aws-us-east-2, per Datadog "
                + "avg:build.info{service:payments-api,env:${environment}} by {version}");
        assertThat(new VersionSelector(Optional.empty(), Duration.ofHours(24)).describe()).isEqualTo("baked 1d in the primary, per the ledger");
    }

    @Test
    void aVersionFromQueryIsCheckedWhereItIsWritten() {
        assertThat(problemsOf("""
                service: payments-api
                versionFrom:
                  bakedFor: 24h
                  prometheus: 'build_info{environment=${environment}}'
                  datadog: 'avg:build.info{env:${environment}} by {version}'
                """)).containsExactly(
                "train.yaml:4:15: versionFrom.prometheus: placeholder ${environment} must be inside a quoted label value, "
                        + "e.g. {zone=\"${environment}\"}",
                "train.yaml:5:12: versionFrom.datadog: give either 'prometheus' or 'datadog', not both: the baked version is read from one system");
        assertThat(problemsOf("""
                service: payments-api
                versionFrom: {bakedFor: 24h, prometheus: 'build_info{environment="${zone}"}'}
                """)).singleElement().asString()
                .startsWith("train.yaml:2:42: versionFrom.prometheus: unknown variable ${zone}; known: [TRAIN_ENVIRONMENT, ");
        assertThat(problemsOf("""
                service: payments-api
                versionFrom: {bakedFor: 24h, datadog: ' ', influx: 'x'}
                """)).containsExactly(
                "train.yaml:2:39: versionFrom.datadog: must not be blank",
                "train.yaml:2:44: versionFrom.influx: unknown field 'influx' (expected one of environment, bakedFor, prometheus, datadog)");
    }

    @Test
    void aQueryWithVariablesNeedsAnEnvironmentToAskAbout() {
        Fleet noPrimary = new Fleet(FLEET.windows(), FLEET.holidays(), FLEET.freezes(), FLEET.timezone(),
                FLEET.environments().stream().filter(e -> e.tier() != Tier.PRIMARY).toList());
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> TrainSpecLoader.parse("""
                service: payments-api
                versionFrom: {bakedFor: 24h, prometheus: 'build_info{environment="${environment}"}'}
                """, "train.yaml", Optional.of(noPrimary)));
        assertThat(e.problems()).singleElement().asString().isEqualTo("train.yaml:2:42: versionFrom.prometheus: the query uses variables of the "
                + "primary, but the fleet has no primary environment: name one with 'versionFrom.environment'");
        assertThat(TrainSpecLoader.parse("""
                service: payments-api
                versionFrom: {bakedFor: 24h, prometheus: 'build_info{service="payments-api"}'}
                """, "train.yaml", Optional.of(noPrimary)).versionFrom()).isPresent();
    }

    @Test
    void readsADailyTrainWithSelectionAndKeepsExtensionSections() {
        TrainSpec spec = TrainSpecLoader.parse("""
                service: payments-api
                versionFrom: {environment: prod-aws-us-east-1, bakedFor: 24h}
                allowed: [eu-business-hours]
                sort: region
                select:
                  environments: ["prod-*", "staging-*"]
                  labels: {compliance: sox}
                  tiers: [production, dedicated]
                gates:
                  - prometheus: {query: up}
                slack: {channel: "#deploys"}
                approvers: [alice]
                """, "train.yaml", Optional.of(FLEET));
        assertThat(spec.version()).isEmpty();
        assertThat(spec.versionFrom()).contains(new VersionSelector(Optional.of("prod-aws-us-east-1"), Duration.ofHours(24)));
        assertThat(spec.zoneDeployEstimate()).isEqualTo(Duration.ofMinutes(30));
        assertThat(spec.bake()).isEqualTo(Duration.ZERO);
        assertThat(spec.sort()).isEqualTo(EnvironmentSort.REGION);
        assertThat(spec.select().tiers()).containsExactlyInAnyOrder(Tier.PRODUCTION, Tier.DEDICATED);
        assertThat(spec.select().labels()).isEqualTo(Map.of("compliance", "sox"));
        assertThat(spec.sections()).containsOnlyKeys("gates", "slack", "approvers");
        assertThat(spec.section("gates").orElseThrow()).isInstanceOf(ConfigNode.ListNode.class);
        assertThat(spec.section("gates").orElseThrow().location().line()).isEqualTo(10);
        assertThat(spec.fleetPath(Path.of("train.yaml"))).isEmpty();
    }

    @Test
    void reportsEveryMistakeWithItsLine() {
        assertThat(problemsOf("""
                service: payments-api
                version: 1.2.3
                versionFrom: {bakedFor: soon}
                allowed: [weekend]
                bake: 12 hours
                soakAfterZone: -5m
                zoneDeployEstimate: 0
                order: [prod-aws-us-east-1, nothing-*]
                sort: random
                select: {tiers: [gold]}
                slak: {}
                exclusive: region
                """)).containsExactly(
                "train.yaml:3:1: versionFrom: give either 'version' or 'versionFrom', not both",
                "train.yaml:3:25: versionFrom.bakedFor: invalid duration 'soon' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)",
                "train.yaml:4:11: allowed[0]: unknown window 'weekend' (the fleet defines: us-business-hours, eu-business-hours, apac-business-hours, us-trading-hours)",
                "train.yaml:5:7: bake: invalid duration '12 hours' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)",
                "train.yaml:6:16: soakAfterZone: invalid duration '-5m' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)",
                "train.yaml:7:21: zoneDeployEstimate: a zone's deploy takes some time; give an estimate above 0",
                "train.yaml:8:9: order[0]: 'prod-aws-us-east-1' matches a primary environment; 'order' arranges production and dedicated environments only",
                "train.yaml:8:29: order[1]: 'nothing-*' matches no environment of the fleet",
                "train.yaml:9:7: sort: unknown sort 'random' (expected one of fleet, name, region, provider)",
                "train.yaml:10:18: select.tiers[0]: unknown tier 'gold' (expected one of staging, shadow, primary, production, dedicated)",
                "train.yaml:11:1: slak: unknown field 'slak' (did you mean 'slack'? expected one of service, version, versionFrom, fleet, allowed, bake, soakAfterZone, soakAfterEnvironment, zoneDeployEstimate, order, sort, select, gates, slack, approvers, exclusive)",
                "train.yaml:12:12: exclusive: unknown exclusive scope 'region' (expected one of service, environment)");
    }

    @Test
    void needsServiceAndAVersion() {
        assertThat(problemsOf("fleet: fleet.yaml\nversionFrom: {environment: nowhere, bakedFor: 1d}\n")).containsExactly(
                "train.yaml:1:1: service: missing required field 'service'",
                "train.yaml:2:28: versionFrom.environment: unknown environment 'nowhere'");
        assertThat(problemsOf("service: a\n")).containsExactly(
                "train.yaml:1:1: version: missing required field 'version' (or 'versionFrom' for a daily train)");
    }

    @Test
    void withoutAFleetOnlyTheFileItselfIsChecked() {
        TrainSpec spec = TrainSpecLoader.parse("service: a\nversion: '1'\nallowed: [any]\norder: [x]\n", "train.yaml", Optional.empty());
        assertThat(spec.allowed()).containsExactly("any");
    }

    @Test
    void buildsFromPipelineMaps() {
        TrainSpec spec = TrainSpecLoader.fromTree(Map.of("service", "a", "version", 7, "bake", "1h"), "deployTrain", Optional.of(FLEET));
        assertThat(spec.version()).contains("7");
        assertThatThrownBy(() -> TrainSpecLoader.fromTree(Map.of("service", "a"), "deployTrain", Optional.of(FLEET)))
                .hasMessageContaining("deployTrain: version: missing required field 'version'");
    }
}
