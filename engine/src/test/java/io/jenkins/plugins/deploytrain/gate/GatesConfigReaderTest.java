package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.YamlTree;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesConfigReaderTest {

    private static ConfigNode gatesOf(String trainYaml) {
        return ((ConfigNode.MapNode) YamlTree.parse(trainYaml, "train.yaml")).entries().get("gates").value();
    }

    @Test
    void readsGatesPerTierWithDefaultsForAll() {
        String yaml = """
                service: checkout
                gates:
                  default:
                    - name: error-ratio
                      prometheus:
                        query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}"} > 0.05'
                        mustStayEmptyFor: 5m
                    - name: no-pages
                      alerts:
                        matchers: ['severity="page"', 'environment="${TRAIN_ENVIRONMENT}"']
                  production:
                    - datadog: {ids: [1234], query: 'tag:"service:web"', downtimeScope: 'env:${TRAIN_ENVIRONMENT}'}
                    - bake: 30m
                """;
        GatesConfig config = GatesConfigReader.read(gatesOf(yaml));

        assertThat(config.gatesFor("staging")).extracting(GateSpec::name).containsExactly("error-ratio", "no-pages");
        List<GateSpec> prod = config.gatesFor("production");
        assertThat(prod).extracting(GateSpec::name).containsExactly("error-ratio", "no-pages", "datadog-1", "bake-2");
        assertThat(prod.get(0)).isEqualTo(new GateSpec.PrometheusQuery("error-ratio",
                "deploy_error_ratio{environment=\"${TRAIN_ENVIRONMENT}\"} > 0.05", Duration.ofMinutes(5), Duration.ofSeconds(15)));
        assertThat(((GateSpec.PrometheusAlerts) prod.get(1)).matchers())
                .containsExactly(LabelMatcher.equal("severity", "page"), LabelMatcher.equal("environment", "${TRAIN_ENVIRONMENT}"));
        GateSpec.DatadogMonitors dd = (GateSpec.DatadogMonitors) prod.get(2);
        assertThat(dd.ids()).containsExactly(1234L);
        assertThat(dd.query()).contains("tag:\"service:web\"");
        assertThat(dd.downtimeScope()).contains("env:${TRAIN_ENVIRONMENT}");
        assertThat(dd.failingStates()).containsExactlyInAnyOrder("Alert", "Warn");
        assertThat(prod.get(3)).isEqualTo(new GateSpec.Bake("bake-2", Duration.ofMinutes(30)));
    }

    @Test
    void reportsEveryProblemWithFileLineFieldAndValue() {
        String yaml = """
                gates:
                  default:
                    - name: error-ratio
                      prometheus:
                        query: 'sum(x) > ${TRAIN_ZONE}'
                        mustStayEmptyFor: soon
                  prod:
                    - bake: 30m
                  production:
                    - alerts: {matchers: ['severity page']}
                    - bake: 0s
                      name: bake
                    - datadog: {ids: [-3]}
                    - bake: 5m
                      prometheus: {query: up}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> GatesConfigReader.read(gatesOf(yaml)));

        assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column() + " " + p.field() + " = " + p.value() + ": " + p.message())
                .containsExactly(
                        "5:16 gates.default[0].prometheus.query = sum(x) > ${TRAIN_ZONE}: placeholder ${TRAIN_ZONE} must be inside a quoted label value, e.g. {zone=\"${TRAIN_ZONE}\"}",
                        "6:27 gates.default[0].prometheus.mustStayEmptyFor = soon: invalid duration 'soon' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)",
                        "7:3 gates.prod = prod: unknown field 'prod' (expected one of default, staging, shadow, primary, production, dedicated)",
                        "10:27 gates.production[0].alerts.matchers[0] = severity page: invalid label matcher 'severity page': expected a label matcher like severity=\"page\" or zone=~\"eu-.*\"",
                        "11:13 gates.production[1].bake = 0s: must be longer than 0",
                        "13:23 gates.production[2].datadog.ids[0] = -3: a monitor id is a positive number",
                        "14:7 gates.production[3] = null: a gate has one kind, found bake, prometheus; split it into one gate each");
        assertThat(e.getMessage()).contains("train.yaml:5:16");
    }

    @Test
    void gatesFromAPipelineMapAreValidatedTheSameWay() {
        ConfigNode node = YamlTree.fromObject(Map.of("default", List.of(Map.of("bake", "later"))), "Jenkinsfile");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> GatesConfigReader.read(node));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("Jenkinsfile");
            assertThat(p.field()).isEqualTo("gates.default[0].bake");
            assertThat(p.value()).isEqualTo("later");
        });
    }
}
