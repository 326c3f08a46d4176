package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatesConfigReaderTest {

    private final GatesConfigReader reader = new GatesConfigReader();

    @Test
    void readsGatesPerTierWithDefaultsForAll() throws Exception {
        String yaml = """
                train: checkout
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
        GatesConfig config = reader.readTrainYaml(SourceLocations.parseYaml("train.yaml", yaml));

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
    void noGatesSectionMeansNoGates() throws Exception {
        assertThat(reader.readTrainYaml(SourceLocations.parseYaml("train.yaml", "train: x\n"))).isEqualTo(GatesConfig.NONE);
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
        GateConfigException e = catchThrowableOfType(GateConfigException.class,
                () -> reader.readTrainYaml(SourceLocations.parseYaml("train.yaml", yaml)));

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "train.yaml:5:9: gates.default[0].prometheus.query = 'sum(x) > ${TRAIN_ZONE}': placeholder ${TRAIN_ZONE} must be inside a quoted label value, e.g. {zone=\"${TRAIN_ZONE}\"}",
                "train.yaml:6:9: gates.default[0].prometheus.mustStayEmptyFor = 'soon': must be a duration like 90s, 5m, 1h30m or PT5M",
                "train.yaml:7:3: gates.prod: unknown tier 'prod'; expected 'default' or one of [dedicated, primary, production, shadow, staging]",
                "train.yaml:10:27: gates.production[0].alerts.matchers[0] = 'severity page': expected a label matcher like severity=\"page\" or zone=~\"eu-.*\"",
                "train.yaml:11:7: gates.production[1].bake = '0s': must be a positive duration like 90s, 5m, 1h30m or PT5M",
                "train.yaml:13:23: gates.production[2].datadog.ids[0] = '-3': must be a positive monitor id",
                "train.yaml:14:7: gates.production[3]: has several kinds [bake, prometheus]; split it into one gate each");
        assertThat(e.getMessage()).startsWith("7 problem(s) in gates:\n  train.yaml:5:9:");
    }

    @Test
    void aDocumentBuiltInMemoryStillNamesFieldAndValue() throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"default\": [{\"bake\": \"later\"}]}");
        GateConfigException e = catchThrowableOfType(GateConfigException.class,
                () -> reader.read(node, "/gates", SourceLocations.none("Jenkinsfile", node)));
        assertThat(e.problems()).extracting(Object::toString)
                .containsExactly("Jenkinsfile: gates.default[0].bake = 'later': must be a positive duration like 90s, 5m, 1h30m or PT5M");
        assertThat(Optional.of(e.problems().get(0).line())).contains(0);
    }
}
