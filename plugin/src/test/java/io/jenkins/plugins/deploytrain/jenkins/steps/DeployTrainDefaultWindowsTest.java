package io.jenkins.plugins.deploytrain.jenkins.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The global {@code defaultWindows} limit the trains that name no windows of their own ({@code allowed:}), from the
 * moment the train is read, and a train that names its own keeps them.
 */
@WithJenkins
class DeployTrainDefaultWindowsTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** TrainFiles' fleet with one window that is always open. */
    private static final String FLEET = """
        windows:
          always:
            timezone: UTC
            hours: "00:00-24:00"
        """ + TrainFiles.FLEET;

    /**
     * One minute a week: a zone's deploy (30 minutes by the train's default estimate) never fits in it, so a train
     * limited to it says at once that no window ever opens, whatever the time the test runs.
     */
    private static final String ONE_MINUTE = """
        one-minute:
          timezone: UTC
          days: [MON]
          hours: "00:00-00:01"
        """;

    private static final String NO_WINDOWS_OF_ITS_OWN = """
        service: payments-api
        version: 1.2.3
        fleet: fleet.yaml
        """;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) {
        this.r = r;
        DeployTrainGlobalConfiguration.get().setDefaultWindows(ONE_MINUTE);
    }

    @Test
    void aTrainWithoutWindowsIsLimitedToTheDefaultsAsIfItListedThem() {
        TrainDefinition train = TrainDefinition.fromFile("fleet.yaml", FLEET, "train.yaml", NO_WINDOWS_OF_ITS_OWN);

        assertThat(train.spec().allowed(), contains("one-minute"));
        assertThat(train.fleet().windows(), hasKey("one-minute"));
        assertThat(train.fleet().windows(), hasKey("always"));
    }

    @Test
    void aTrainWithItsOwnWindowsKeepsThem() {
        TrainDefinition train = TrainDefinition.fromFile(
                "fleet.yaml", FLEET, "train.yaml", NO_WINDOWS_OF_ITS_OWN + "allowed: [always]\n");

        assertThat(train.spec().allowed(), contains("always"));
        assertThat(train.fleet().windows(), not(hasKey("one-minute")));
    }

    @Test
    void aStartedTrainKeepsTheDefaultsItStartedWith() {
        TrainDefinition train = TrainDefinition.fromFile("fleet.yaml", FLEET, "train.yaml", NO_WINDOWS_OF_ITS_OWN);

        DeployTrainGlobalConfiguration.get().setDefaultWindows("");

        assertThat(train.spec().allowed(), contains("one-minute"));
        assertThat(
                TrainDefinition.fromFile("fleet.yaml", FLEET, "train.yaml", NO_WINDOWS_OF_ITS_OWN)
                        .spec()
                        .allowed(),
                is(empty()));
    }

    @Test
    void aBuildOfATrainWithoutWindowsWaitsForTheDefaultOnes() throws Exception {
        WorkflowJob p = job(NO_WINDOWS_OF_ITS_OWN);

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("no deploy window ever opens for staging-eu/eu-west-1a", b);

        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        r.assertLogNotContains("deploying staging-eu/eu-west-1a", b);
    }

    @Test
    void aBuildOfATrainWithItsOwnWindowsDeploysInThem() throws Exception {
        WorkflowJob p = job(NO_WINDOWS_OF_ITS_OWN + "allowed: [always]\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("deploying prod-eu/eu-west-1a", b);
    }

    private WorkflowJob job(String train) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "payments");
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        workspace.child("fleet.yaml").write(FLEET, "UTF-8");
        workspace.child("train.yaml").write(train, "UTF-8");
        p.setDefinition(new CpsFlowDefinition(
                """
                node {
                  deployTrain(train: 'train.yaml') {
                    echo "deploying ${env.TRAIN_ENVIRONMENT}/${env.TRAIN_ZONE}"
                  }
                }
                """,
                true));
        return p;
    }
}
