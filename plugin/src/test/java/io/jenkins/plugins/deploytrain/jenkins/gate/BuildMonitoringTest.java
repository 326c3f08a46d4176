package io.jenkins.plugins.deploytrain.jenkins.gate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.deploytrain.config.YamlTree;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.gate.GatesConfigReader;
import io.jenkins.plugins.deploytrain.gate.MonitoringEndpoints;
import io.jenkins.plugins.deploytrain.gate.MonitoringRequirements;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which gates a build cannot evaluate, and why, in the words the step fails with. */
class BuildMonitoringTest {

    private static final GatesConfig GATES = GatesConfigReader.read(YamlTree.parse("""
        default:
          - name: error-ratio
            prometheus:
              query: 'deploy_error_ratio{zone="${TRAIN_ZONE}"} > 0.05'
          - name: no-pages
            alerts:
              matchers: ['severity="page"']
        production:
          - name: checkout-monitors
            datadog:
              ids: [1234]
        """, "train.yaml"));

    @Test
    void everyGateNeedingAMissingSystemIsOneLineSayingWhatToConfigure() {
        BuildMonitoring nothing = new BuildMonitoring(MonitoringEndpoints.none(), Map.of());

        assertThat(
                nothing.unmet(GATES),
                contains(
                        "gate 'error-ratio' (gates.default) needs Prometheus: "
                                + "set the Prometheus URL in Manage Jenkins > System > Deploy Train",
                        "gate 'no-pages' (gates.default) needs Alertmanager or Prometheus: set the Alertmanager URL or"
                                + " the Prometheus URL in Manage Jenkins > System > Deploy Train",
                        "gate 'checkout-monitors' (gates.production) needs Datadog: set the Datadog site and the API"
                                + " key and application key credentials in Manage Jenkins > System > Deploy Train"));
    }

    @Test
    void aSystemConfiguredButUnusableSaysWhyInstead() {
        BuildMonitoring prometheusOnly = new BuildMonitoring(
                new MonitoringEndpoints(
                        Optional.of(URI.create("http://127.0.0.1:9090")),
                        Optional.empty(),
                        Optional.empty(),
                        Duration.ofSeconds(10)),
                Map.of(MonitoringRequirements.System.DATADOG, "the credential 'dd-api' is not usable"));

        assertThat(
                prometheusOnly.unmet(GATES),
                contains("gate 'checkout-monitors' (gates.production) needs Datadog: the credential 'dd-api' is not"
                        + " usable"));
    }

    @Test
    void noGatesNeedNothing() {
        assertThat(new BuildMonitoring(MonitoringEndpoints.none(), Map.of()).unmet(GatesConfig.NONE), is(empty()));
    }

    @Test
    void configuredUrlsMustBeAbsoluteHttpWithAHostAndNoCredentials() {
        assertThat(BuildMonitoring.url("Prometheus URL", null), is(Optional.empty()));
        assertThat(BuildMonitoring.url("Prometheus URL", "https://prometheus.example.com:9090"), is(Optional.empty()));
        assertThat(
                BuildMonitoring.url("Prometheus URL", "ftp://prometheus.example.com")
                        .orElseThrow(),
                containsString("'ftp://prometheus.example.com', is not an absolute http(s) URL"));
        assertThat(BuildMonitoring.url("Prometheus URL", "prometheus:9090").isPresent(), is(true));
        String withPassword = BuildMonitoring.url("Prometheus URL", "https://admin:s3cret@prometheus.example.com")
                .orElseThrow();
        assertThat(withPassword, containsString("carries credentials"));
        assertThat(withPassword, not(containsString("s3cret")));
    }
}
