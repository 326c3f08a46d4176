package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.approve;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A job renamed while its train runs: the running build is still the worker of its leases. */
@WithJenkins
class DeployTrainRenameTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) {
        this.r = r;
    }

    @Test
    void aJobRenamedMidTrainKeepsItsBuildsLeaseAndFinishesTheTrain() throws Exception {
        WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        String workerBeforeRename = b.getExternalizableId();

        p.renameTo("payments-renamed");

        assertThat(BuildWorkers.of(p).alive(workerBeforeRename), is(true));
        assertThat(approve(r, b, "retry", "staging-eu/eu-west-1b").getStatusCode(), is(200));
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 2"), is(1L));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 3"), is(0L));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
        assertThat(BuildWorkers.of(p).alive(workerBeforeRename), is(false));
    }
}
