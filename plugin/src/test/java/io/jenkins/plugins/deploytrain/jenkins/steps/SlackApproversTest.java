package io.jenkins.plugins.deploytrain.jenkins.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import hudson.model.Item;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Who may approve from Slack is looked up in the security realm once per few minutes, not on every 30 s read. */
@WithJenkins
class SlackApproversTest {

    @Test
    void thePermissionLookupIsReusedUntilItIsStale(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        grant(r, "alice");
        DeployTrainGlobalConfiguration.get().setSlackUsers("U061F7AUR=alice");
        WorkflowJob job = r.createProject(WorkflowJob.class, "payments");
        MovableClock clock = new MovableClock();
        SlackApprovers approvers = new SlackApprovers(
                job, SlackSettings.NONE, () -> DeployTrainGlobalConfiguration.get().getApproverList(), clock);

        assertThat(approvers.get().mayApprove("alice"), is(true));

        grant(r, "bob"); // alice may no longer build, so no longer approve
        clock.now = clock.now.plus(Duration.ofSeconds(30));
        assertThat(approvers.get().mayApprove("alice"), is(true));

        clock.now = clock.now.plus(SlackApprovers.FRESH_FOR);
        assertThat(approvers.get().mayApprove("alice"), is(false));
    }

    @Test
    void aMappedUserWhoNeverLoggedInIsStillAnApprover(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        grant(r, "carol"); // never logged in: no User record until the lookup
        DeployTrainGlobalConfiguration.get().setSlackUsers("U0CAROL=carol");
        WorkflowJob job = r.createProject(WorkflowJob.class, "payments");

        SlackApprovers approvers =
                new SlackApprovers(job, SlackSettings.NONE, () -> ApproverList.parse(""), Clock.systemUTC());

        assertThat(approvers.get().mayApprove("carol"), is(true));
    }

    private static void grant(JenkinsRule r, String user) {
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to(user));
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
