package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.util.concurrent.CountDownLatch;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What ends a train rather than one target: every actual interruption of the build (an abort, {@code abortPrevious},
 * a parallel {@code failFast}, a {@code timeout} around the step), and a stop that comes before the train was even
 * admitted. Each ends the build and leaves no running train in the ledger.
 */
@WithJenkins
class DeployTrainInterruptionTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** A body that deploys until the file {@code go} appears in the workspace. */
    private static final String WAITING_DEPLOY = """
        deployTrain(train: 'train.yaml') {
          echo "deploying ${env.TRAIN_ENVIRONMENT}/${env.TRAIN_ZONE}"
          waitUntil { fileExists 'go' }
        }
        """;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) {
        this.r = r;
    }

    @Test
    void aTimeoutAroundTheStepEndsTheTrainAndTheBuild() throws Exception {
        WorkflowJob p = job(r, train("0s"), "node { timeout(time: 5, unit: 'SECONDS') { " + WAITING_DEPLOY + " } }");

        WorkflowRun b = r.waitForCompletion(p.scheduleBuild2(0).waitForStart());

        r.assertBuildStatus(Result.ABORTED, b);
        assertThat(ledgerTrain(p).status(), is(TrainStatus.STOPPED));
        assertThat(count(r, b, "waiting for approval"), is(0L));
    }

    @Test
    void aTimeoutAroundTheStepWhileItWaitsForAnApprovalEndsTheTrain() throws Exception {
        WorkflowJob p = job(r, train("0s"), """
            node {
              timeout(time: 10, unit: 'SECONDS') {
                deployTrain(train: 'train.yaml') {
                  if (env.TRAIN_ZONE == 'eu-west-1b') { error 'the deploy script failed' }
                }
              }
            }
            """);

        WorkflowRun b = r.waitForCompletion(p.scheduleBuild2(0).waitForStart());

        r.assertBuildStatus(Result.ABORTED, b);
        r.assertLogContains("waiting for approval", b);
        assertThat(ledgerTrain(p).status(), is(TrainStatus.STOPPED));
    }

    @Test
    void aFailFastSiblingEndsTheTrain() throws Exception {
        WorkflowJob p = job(r, train("0s"), """
            node {
              parallel failFast: true,
                deploy: {
                  %s
                },
                other: {
                  waitUntil { fileExists 'ready' }
                  error 'the other branch failed'
                }
            }
            """.formatted(WAITING_DEPLOY));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("deploying staging-eu/eu-west-1a", b);

        r.jenkins.getWorkspaceFor(p).child("ready").write("", "UTF-8");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.STOPPED));
        assertThat(count(r, b, "waiting for approval"), is(0L));
    }

    @Test
    void aNewerBuildWithAbortPreviousEndsTheTrainOfTheOlderOne() throws Exception {
        WorkflowJob p = job(
                r,
                train("0s"),
                "properties([disableConcurrentBuilds(abortPrevious: true)])\nnode { " + WAITING_DEPLOY + " }");
        WorkflowRun first = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("deploying staging-eu/eu-west-1a", first);

        WorkflowRun second = p.scheduleBuild2(0).waitForStart();

        r.assertBuildStatus(Result.NOT_BUILT, r.waitForCompletion(first));
        assertThat(count(r, first, "waiting for approval"), is(0L));
        r.jenkins.getWorkspaceFor(p).child("go").write("", "UTF-8");
        r.assertBuildStatusSuccess(r.waitForCompletion(second));
    }

    @Test
    void aStopBeforeTheTrainIsAdmittedWinsAndAdmitsNothing() throws Exception {
        WorkflowJob p = job(r, train("0s"), "node { " + WAITING_DEPLOY + " }");
        // hold every thread of the plugin's pool, so the step's start waits in the queue behind them
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 64; i++) {
            BlockingWork.get().submit(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[Pipeline] deployTrain", b);

        b.doStop();
        release.countDown();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertThat(
                JobLedgerStore.of(p).load().map(l -> l.trains().isEmpty()).orElse(true), is(true));
        assertThat(count(r, b, "starting train"), is(0L));
        assertThat(TrainBuildEnd.live(), is(0));
    }
}
