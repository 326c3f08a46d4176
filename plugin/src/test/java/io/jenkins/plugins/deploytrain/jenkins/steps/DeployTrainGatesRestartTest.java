package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.approve;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** The gate runner is never serialized: a build resumed after a restart builds it again and gates as before. */
class DeployTrainGatesRestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private ReplayService prometheus;

    @BeforeEach
    void startPrometheus() throws Exception {
        prometheus = ReplayService.start();
    }

    @AfterEach
    void stopPrometheus() {
        prometheus.close();
    }

    @Test
    void aTrainPausedByAGateBeforeTheRestartIsGatedAgainAfterIt() throws Throwable {
        sessions.then(r -> {
            prometheus.answer("/api/v1/query", ReplayService.fixture("prometheus/prometheus_api_v1_query_vector.json"));
            DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
            WorkflowJob p = job(r, train("0s") + """
                gates:
                  staging:
                    - name: error-ratio
                      prometheus:
                        query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}", zone="${TRAIN_ZONE}"} > 0.05'
                """, script(null));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("gate error-ratio failed on staging-eu/eu-west-1a", b);
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("payments", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            assertThat(
                    ledgerTrain(p).target("staging-eu/eu-west-1a").orElseThrow().status(), is(TargetStatus.PAUSED));
            int before = prometheus.requests("/api/v1/query").size();
            prometheus.answer("/api/v1/query", ReplayService.fixture("prometheus/prometheus_api_v1_query_empty.json"));

            approve(r, b, "retry", "staging-eu/eu-west-1a");

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            assertThat(count(r, b, "deploying staging-eu/eu-west-1a attempt 2"), is(1L));
            assertThat(prometheus.requests("/api/v1/query").size() > before, is(true));
            assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
        });
    }
}
