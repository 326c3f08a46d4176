package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.FLEET;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import hudson.FilePath;
import io.jenkins.plugins.deploytrain.fleetstate.FleetLease;
import io.jenkins.plugins.deploytrain.fleetstate.FleetSnapshot;
import io.jenkins.plugins.deploytrain.fleetstate.ServiceMatrix;
import io.jenkins.plugins.deploytrain.jenkins.fleet.ControllerFleetState;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Two jobs roll the same service over one fleet (a pipeline and its hotfix job, or two branches of a multibranch
 * project): the controller's fleet lease on (service, environment) keeps their deploys apart, the one that waits
 * says who holds the environment, and a restart keeps the lease with its build.
 */
class DeployTrainFleetLeaseTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    /** Holds its first target until a file named {@code go} appears in the workspace. */
    private static final String HOLDING = """
        node {
          deployTrain(train: 'train.yaml') {
            echo "deploying ${env.TRAIN_TARGET} of ${env.TRAIN_SERVICE} ${env.TRAIN_VERSION}"
            if (env.TRAIN_TARGET == 'staging-eu/eu-west-1a') {
              waitUntil(quiet: true) { fileExists 'go' }
            }
          }
        }
        """;

    private static final String PLAIN = """
        node {
          deployTrain(train: 'train.yaml') {
            echo "deploying ${env.TRAIN_TARGET} of ${env.TRAIN_SERVICE} ${env.TRAIN_VERSION}"
          }
        }
        """;

    private static WorkflowJob job(JenkinsRule r, String name, String version, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        workspace.child("fleet.yaml").write(FLEET, "UTF-8");
        workspace.child("train.yaml").write("""
            service: payments-api
            version: %s
            fleet: fleet.yaml
            soakAfterZone: 0s
            """.formatted(version), "UTF-8");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void theSecondJobWaitsForTheFirstAndSaysWhoHoldsTheEnvironment() throws Throwable {
        sessions.then(r -> {
            WorkflowJob first = job(r, "payments", "1.2.3", HOLDING);
            WorkflowJob hotfix = job(r, "payments-hotfix", "1.2.4", PLAIN);
            WorkflowRun b1 = first.scheduleBuild2(0).waitForStart();
            r.waitForMessage("deploying staging-eu/eu-west-1a of payments-api 1.2.3", b1);

            WorkflowRun b2 = hotfix.scheduleBuild2(0).waitForStart();
            r.waitForMessage("environment staging-eu is held by job payments build 1 (target staging-eu/eu-west-1a, payments-api 1.2.3)", b2);
            assertThat(count(r, b2, "deploying staging-eu"), is(0L));
            // the console links the holder's build
            String console = r.createWebClient()
                    .goTo(b2.getUrl() + "console")
                    .getWebResponse()
                    .getContentAsString();
            assertThat(console, containsString("href=\"/jenkins/job/payments/1/\""));
            // and so does its train page, while it waits
            String trainPage = r.createWebClient()
                    .goTo(b2.getUrl() + "deploy-train/")
                    .getWebResponse()
                    .getContentAsString();
            assertThat(trainPage, containsString("environment staging-eu is held"));
            assertThat(trainPage, containsString("href=\"/jenkins/job/payments/1/\""));

            r.jenkins.getWorkspaceFor(first).child("go").write("", "UTF-8");
            r.assertBuildStatusSuccess(r.waitForCompletion(b1));
            r.assertBuildStatusSuccess(r.waitForCompletion(b2));

            FleetSnapshot state = ControllerFleetState.get().read();
            assertThat(state.leases(), is(empty()));
            ServiceMatrix matrix = ServiceMatrix.of(state, "payments-api");
            assertThat(matrix.cells().size(), is(3));
            // the hotfix waited behind every target of the first job's train, so it deployed each one last
            for (ServiceMatrix.Cell cell : matrix.cells()) {
                assertThat(cell.deployed().job() + " " + cell.deployed().version(), is("payments-hotfix 1.2.4"));
            }
            // the first job's page shows what the other job put where
            String page = r.createWebClient()
                    .goTo("job/payments/deploy-trains/")
                    .getWebResponse()
                    .getContentAsString();
            assertThat(page, containsString("Across all jobs"));
            assertThat(page, containsString("href=\"/jenkins/job/payments-hotfix/\""));
        });
    }

    @Test
    void aLeaseHeldAcrossARestartStaysWithItsBuildAndIsGivenBackAfter() throws Throwable {
        sessions.then(r -> {
            WorkflowJob first = job(r, "payments", "1.2.3", HOLDING);
            WorkflowRun b1 = first.scheduleBuild2(0).waitForStart();
            r.waitForMessage("deploying staging-eu/eu-west-1a of payments-api 1.2.3", b1);
            assertThat(holders(), is(List.of("payments 1 staging-eu/eu-west-1a")));
        });
        sessions.then(r -> {
            WorkflowJob first = r.jenkins.getItemByFullName("payments", WorkflowJob.class);
            WorkflowRun b1 = first.getBuildByNumber(1);
            assertThat("the build resumed holds it still", holders(), is(List.of("payments 1 staging-eu/eu-west-1a")));
            WorkflowJob hotfix = job(r, "payments-hotfix", "1.2.4", PLAIN);
            WorkflowRun b2 = hotfix.scheduleBuild2(0).waitForStart();
            r.waitForMessage("environment staging-eu is held by job payments build 1", b2);

            r.jenkins.getWorkspaceFor(first).child("go").write("", "UTF-8");
            r.assertBuildStatusSuccess(r.waitForCompletion(b1));
            r.assertBuildStatusSuccess(r.waitForCompletion(b2));
            assertThat(holders(), is(empty()));
        });
    }

    @Test
    void aBuildThatDiedHoldingALeaseIsTakenOverByTheNextTrain() throws Throwable {
        sessions.then(r -> {
            WorkflowJob first = job(r, "payments", "1.2.3", HOLDING);
            WorkflowRun b1 = first.scheduleBuild2(0).waitForStart();
            r.waitForMessage("deploying staging-eu/eu-west-1a of payments-api 1.2.3", b1);
            // the build is killed hard, as a crashed agent or a `doKill` would: its stepper never gives the lease back
            b1.doKill();
            r.waitForCompletion(b1);

            WorkflowRun b2 = job(r, "payments-hotfix", "1.2.4", PLAIN).scheduleBuild2(0).waitForStart();
            r.assertBuildStatusSuccess(r.waitForCompletion(b2));
            assertThat(holders(), is(empty()));
        });
    }

    private static List<String> holders() {
        return ControllerFleetState.get().read().leases().stream()
                .map(FleetLease::holder)
                .map(h -> h.job() + " " + h.build() + " " + h.target())
                .toList();
    }
}
