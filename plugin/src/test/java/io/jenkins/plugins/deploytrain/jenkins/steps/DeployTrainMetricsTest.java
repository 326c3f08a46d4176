package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.deploytrain.events.MetricsExposition;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue 17: a pipeline's train pushes its job's metrics to the Pushgateway of the global configuration, a local
 * service standing in for it (the Pushgateway is not on Jenkins test machines; the real one is proven by the CLI's
 * RunWithPushgatewayIT).
 */
@WithJenkins
class DeployTrainMetricsTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** The group of service payments-api and job payments. */
    private static final String GROUP = "/metrics/job/deploy_train/service/payments-api/deploy_job/payments";

    private JenkinsRule r;
    private ReplayService pushgateway;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        pushgateway = ReplayService.start();
        pushgateway.answer("PUT", GROUP, () -> "");
    }

    @AfterEach
    void tearDown() {
        pushgateway.close();
    }

    @Test
    void aTrainPushesItsJobsLedgerAsMetricsToTheConfiguredPushgatewayUntilItsEnd() throws Exception {
        DeployTrainGlobalConfiguration.get().setPushgatewayUrl(pushgateway.url());
        WorkflowJob p = job(r, train("0s"), script(null));

        r.buildAndAssertSuccess(p);

        String last = lastPush(Duration.ofSeconds(30), "state=\"succeeded\"} 1");
        assertThat(last, is(MetricsExposition.render(JobLedgerStore.of(p).load().orElseThrow(), "payments-api")));
        assertThat(
                last,
                containsString("deploy_train_version_info{service=\"payments-api\",environment=\"prod-eu\","
                        + "zone=\"eu-west-1a\",version=\"1.2.3\"} 1"));
        assertThat(
                last,
                containsString("deploy_train_deploys_total{service=\"payments-api\",environment=\"prod-eu\","
                        + "zone=\"eu-west-1a\",outcome=\"succeeded\"} 1"));
        List<ReplayService.Request> pushes = pushgateway.requests(GROUP);
        assertThat(pushes.stream().map(ReplayService.Request::method).toList(), everyItem(is("PUT")));
    }

    @Test
    void aPushgatewayThatIsDownNeverHoldsTheTrain() throws Exception {
        DeployTrainGlobalConfiguration.get().setPushgatewayUrl(pushgateway.url());
        pushgateway.close();
        WorkflowJob p = job(r, train("0s"), script(null));

        r.buildAndAssertSuccess(p);

        assertThat(JenkinsRule.getLog(p.getLastBuild()), not(containsString("Pushgateway")));
    }

    /** The body of the newest push once it contains {@code expected}, waiting for the debounced push. */
    private String lastPush(Duration max, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(max);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            List<ReplayService.Request> pushes = pushgateway.requests(GROUP);
            last = pushes.isEmpty() ? "" : pushes.get(pushes.size() - 1).body();
            if (last.contains(expected)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no push with " + expected + " within " + max + "; the last was:\n" + last);
    }
}
