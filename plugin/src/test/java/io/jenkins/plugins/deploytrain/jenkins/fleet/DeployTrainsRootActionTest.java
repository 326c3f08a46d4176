package io.jenkins.plugins.deploytrain.jenkins.fleet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.deploytrain.fleetstate.DeployedVersion;
import io.jenkins.plugins.deploytrain.fleetstate.FleetAudit;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseAnswer;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseHolder;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseRequest;
import java.time.Instant;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The controller's "Deploy Trains" page, the liveness of lease holders, and leases freed with a deleted job. */
@WithJenkins
class DeployTrainsRootActionTest {
    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) {
        this.r = r;
    }

    @Test
    void thePageNamesTheJobsTheViewerMayReadAndOnlyCountsTheOthers() throws Exception {
        FreeStyleProject visible = r.createFreeStyleProject("payments");
        r.createFreeStyleProject("secret-hotfix");
        ControllerFleetState.get().recorded(new DeployedVersion("payments-api", "prod-eu", "eu-west-1a", "1.2.3", "payments",
                "payments-api-1.2.3-1", T0));
        ControllerFleetState.get().recorded(new DeployedVersion("payments-api", "prod-eu", "eu-west-1b", "1.2.4-hotfix",
                "secret-hotfix", "payments-api-1.2.4-hotfix-1", T0));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("alice")
                .grant(Item.READ).onItems(visible).to("alice"));

        String page = r.createWebClient().login("alice").goTo("deploy-trains/").getWebResponse().getContentAsString();

        assertThat(page, containsString("payments-api"));
        assertThat(page, containsString("1.2.3"));
        assertThat(page, containsString("href=\"/jenkins/job/payments/\""));
        assertThat("the version is shown, the job is not", page, containsString("1.2.4-hotfix"));
        assertThat(page, not(containsString("secret-hotfix")));
        assertThat(page, containsString("1 entries name jobs you cannot see"));
    }

    @Test
    void aViewerWithoutOverallReadGetsNoPage() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy());
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertThat(wc.login("mallory").goTo("deploy-trains/").getWebResponse().getStatusCode(), is(403));
    }

    @Test
    void aHostileVersionIsEscaped() throws Exception {
        r.createFreeStyleProject("payments");
        ControllerFleetState.get().recorded(new DeployedVersion("payments-api", "prod-eu", "eu-west-1a",
                "<img src=x onerror=alert(1)>", "payments", "t1", T0));

        String page = r.createWebClient().goTo("deploy-trains/").getWebResponse().getContentAsString();

        assertThat(page, containsString("&lt;img src=x onerror=alert(1)&gt;"));
        assertThat(page, not(containsString("<img src=x")));
    }

    @Test
    void aDeletedJobsLeasesAreFreedAndAudited() throws Exception {
        FreeStyleProject gone = r.createFreeStyleProject("feature-x");
        LeaseHolder holder = new LeaseHolder("feature-x", "3", "feature-x#3", "t1", "prod-eu/eu-west-1a", "1.2.5");
        LeaseAnswer answer = ControllerFleetState.get()
                .acquire(new LeaseRequest("payments-api", "prod-eu", false, holder), h -> true, T0);
        assertThat(answer instanceof LeaseAnswer.Taken, is(true));

        gone.delete();

        assertThat(ControllerFleetState.get().read().leases(), is(empty()));
        FleetAudit audit = ControllerFleetState.get().read().audit().get(0);
        assertThat(audit.action() + ": " + audit.detail(), is("lease-released: the job was deleted"));
    }

    @Test
    void aHolderIsAliveOnlyWhileItsBuildRuns() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("payments");
        r.buildAndAssertSuccess(p);

        assertThat("a finished build", BuildHolders.alive(holder("payments", "1")), is(false));
        assertThat("a build that never ran", BuildHolders.alive(holder("payments", "7")), is(false));
        assertThat("a deleted job", BuildHolders.alive(holder("deleted-job", "1")), is(false));
        assertThat("a command-line runner sharing the folder", BuildHolders.alive(holder("payments", "cli:host:42:0")),
                is(true));
    }

    private static LeaseHolder holder(String job, String build) {
        return new LeaseHolder(job, build, job + "#" + build, "t1", "prod-eu/eu-west-1a", "1.2.3");
    }
}
