package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.approve;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ProxyConfiguration;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.net.URI;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The train file's gates between bodies, evaluated against the monitoring systems of the global
 * configuration. Prometheus is not on Jenkins test machines, so a local service answers its query API
 * with the answers recorded from a real one.
 */
@WithJenkins
class DeployTrainGatesTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String ERROR_RATIO_GATE = """
        gates:
          staging:
            - name: error-ratio
              prometheus:
                query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}", zone="${TRAIN_ZONE}"} > 0.05'
        """;

    private static final String DATADOG_GATE = """
        gates:
          dedicated:
            - name: checkout-monitors
              datadog:
                ids: [1234]
        """;

    private JenkinsRule r;
    private ReplayService prometheus;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        prometheus = ReplayService.start();
    }

    @AfterEach
    void tearDown() {
        prometheus.close();
    }

    @Test
    void aFailingGatePausesTheTrainAtThatTargetAndARetryAfterTheMetricRecoveredContinuesIt() throws Exception {
        prometheus.answer("/api/v1/query", ReplayService.fixture("prometheus/prometheus_api_v1_query_vector.json"));
        DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
        WorkflowJob p = job(r, train("0s") + ERROR_RATIO_GATE, script(null));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("gate error-ratio failed on staging-eu/eu-west-1a", b);
        r.waitForMessage("waiting for approval", b);

        assertThat(ledgerTrain(p).target("staging-eu/eu-west-1a").orElseThrow().status(), is(TargetStatus.PAUSED));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1b"), is(0L));
        assertThat(
                prometheus.requests("/api/v1/query").get(0).form().get("query"),
                is("deploy_error_ratio{environment=\"staging-eu\", zone=\"eu-west-1a\"} > 0.05"));

        prometheus.answer("/api/v1/query", ReplayService.fixture("prometheus/prometheus_api_v1_query_empty.json"));
        assertThat(approve(r, b, "retry", "staging-eu/eu-west-1a").getStatusCode(), is(200));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1a attempt 2"), is(1L));
        assertThat(count(r, b, "deploying prod-eu/eu-west-1a attempt 1"), is(1L));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
    }

    @Test
    void gatesAskThroughJenkinsProxySettings() throws Exception {
        prometheus.answer("/api/v1/query", ReplayService.fixture("prometheus/prometheus_api_v1_query_empty.json"));
        // no resolver knows this host: only Jenkins' proxy (Manage Jenkins > System) reaches it
        DeployTrainGlobalConfiguration.get().setPrometheusUrl("http://prometheus.invalid:9090");
        int port = URI.create(prometheus.url()).getPort();
        r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", port));
        WorkflowJob p = job(r, train("0s") + ERROR_RATIO_GATE, script(null));

        r.buildAndAssertSuccess(p);

        assertThat(
                "the staging targets' gates were asked through the proxy",
                prometheus.requests("/api/v1/query").size(),
                greaterThanOrEqualTo(2));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
    }

    @Test
    void anUnreachablePrometheusFailsTheGateRatherThanPassingIt() throws Exception {
        DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
        prometheus.close();
        WorkflowJob p = job(r, train("0s") + ERROR_RATIO_GATE, script(null));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("gate error-ratio failed on staging-eu/eu-west-1a", b);

        assertThat(ledgerTrain(p).target("staging-eu/eu-west-1a").orElseThrow().status(), is(TargetStatus.PAUSED));
        approve(r, b, "abort", "");
        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
    }

    @Test
    void aGateNeedingAnUnconfiguredSystemFailsTheStepBeforeAnyDeploy() throws Exception {
        WorkflowJob p = job(r, train("0s") + ERROR_RATIO_GATE, script(null));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains(
                "deployTrain: train.yaml: gate 'error-ratio' (gates.staging) needs Prometheus: "
                        + "set the Prometheus URL in Manage Jenkins > System > Deploy Train",
                b);
        r.assertLogNotContains("deploying", b);
        r.assertLogNotContains("\tat io.jenkins.plugins.deploytrain", b);
        assertThat(JobLedgerStore.of(p).load().isPresent(), is(false));
    }

    @Test
    void datadogKeysComeFromSecretTextCredentialsAndNeverReachTheLog() throws Exception {
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "dd-api", "Datadog API key", Secret.fromString("dd-api-key-9f3c")));
        credentials
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "dd-app", "Datadog app key", Secret.fromString("dd-app-key-71b2")));
        credentials.save();
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        config.setDatadogApiKeyCredentialsId("dd-api");
        config.setDatadogApplicationKeyCredentialsId("dd-app");
        // the gate is on a tier this fleet does not have: the keys are resolved at start, no request is made
        WorkflowJob p = job(r, train("0s") + DATADOG_GATE, script(null));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogNotContains("dd-api-key-9f3c", b);
        r.assertLogNotContains("dd-app-key-71b2", b);
        assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
    }

    @Test
    void aDatadogCredentialTheBuildCannotFindIsNamedInTheRefusal() throws Exception {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        config.setDatadogApiKeyCredentialsId("dd-api-gone");
        config.setDatadogApplicationKeyCredentialsId("dd-app-gone");
        WorkflowJob p = job(r, train("0s") + DATADOG_GATE, script(null));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        String log = JenkinsRule.getLog(b);
        assertThat(
                log,
                containsString("deployTrain: train.yaml: gate 'checkout-monitors' (gates.dedicated) needs Datadog: "
                        + "the credential 'dd-api-gone' is not a Secret text credential this build may use"));
        r.assertLogNotContains("deploying", b);
    }
}
