package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.approve;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart in each place a train waits: inside a body, in a soak timer, for an approval. */
class DeployTrainRestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aBodyInFlightResumesAndIsNotDeployedAgain() throws Throwable {
        sessions.then(r -> {
            WorkflowJob p = job(r, train("0s"), """
                node {
                  deployTrain(train: 'train.yaml') {
                    echo "deploying ${env.TRAIN_ENVIRONMENT}/${env.TRAIN_ZONE} attempt ${env.TRAIN_ATTEMPT}"
                    if (env.TRAIN_ZONE == 'eu-west-1b') {
                      waitUntil { fileExists 'go' }
                    }
                  }
                }
                """);
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("deploying staging-eu/eu-west-1b attempt 1", b);
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("payments", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            assertThat(
                    ledgerTrain(p).target("staging-eu/eu-west-1b").orElseThrow().status(), is(TargetStatus.DEPLOYING));
            r.jenkins.getWorkspaceFor(p).child("go").write("", "UTF-8");

            r.assertBuildStatusSuccess(r.waitForCompletion(b));

            assertThat(count(r, b, "deploying staging-eu/eu-west-1b"), is(1L));
            assertThat(count(r, b, "deploying prod-eu/eu-west-1a attempt 1"), is(1L));
            assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
        });
    }

    @Test
    void aSoakTimerIsArmedAgainAfterTheRestart() throws Throwable {
        sessions.then(r -> {
            WorkflowJob p = job(r, train("20s"), script(null));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting until", b);
            assertThat(count(r, b, "deploying staging-eu/eu-west-1b"), is(0L));
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("payments", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);

            r.assertBuildStatusSuccess(r.waitForCompletion(b));

            assertThat(count(r, b, "deploying staging-eu/eu-west-1a"), is(1L));
            assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 1"), is(1L));
            assertThat(count(r, b, "deploying prod-eu/eu-west-1a attempt 1"), is(1L));
        });
    }

    @Test
    void anApprovalAfterTheRestartReachesTheResumedBuild() throws Throwable {
        sessions.then(r -> {
            WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("payments", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            assertThat(b.isBuilding(), is(true));

            assertThat(approve(r, b, "retry", "staging-eu/eu-west-1b").getStatusCode(), is(200));

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 2"), is(1L));
            assertThat(count(r, b, "deploying prod-eu/eu-west-1a attempt 1"), is(1L));
        });
    }
}
