package io.jenkins.plugins.deploytrain.jenkins.security;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class ApproverCheckTest {

    private FreeStyleProject job;
    private FreeStyleProject other;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        JenkinsRule.DummySecurityRealm realm = r.createDummySecurityRealm();
        realm.addGroups("carol", "release-managers");
        r.jenkins.setSecurityRealm(realm);
        job = r.createFreeStyleProject("checkout-train");
        other = r.createFreeStyleProject("payments-train");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader", "builder", "approver", "carol")
                .grant(Item.BUILD)
                .onItems(job)
                .to("builder", "carol")
                .grant(DeployTrainPermissions.APPROVE)
                .onItems(job)
                .to("approver")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
    }

    @Test
    void readerLacksThePermission() {
        as("reader", () -> {
            assertThrows(AccessDeniedException3.class, () -> ApproverCheck.requireApprover(job, ApproverList.none()));
            assertThat(ApproverCheck.mayApprove(job, ApproverList.none()), is(false));
        });
    }

    @Test
    void buildImpliesApproveOnThatJobOnly() {
        as("builder", () -> {
            assertThat(ApproverCheck.requireApprover(job, ApproverList.none()), is("builder"));
            assertThrows(AccessDeniedException3.class, () -> ApproverCheck.requireApprover(other, ApproverList.none()));
        });
    }

    @Test
    void approveCanBeGrantedWithoutBuild() {
        as("approver", () -> {
            assertThat(ApproverCheck.requireApprover(job, ApproverList.none()), is("approver"));
            assertThat(job.hasPermission(Item.BUILD), is(false));
        });
    }

    @Test
    void listAdmitsMembersByGroupOrUserIdAndNamesTheRefusedUser() {
        ApproverList managers = ApproverList.parse("release-managers");
        as("carol", () -> assertThat(ApproverCheck.requireApprover(job, managers), is("carol")));
        as("builder", () -> {
            AccessDeniedException e =
                    assertThrows(AccessDeniedException.class, () -> ApproverCheck.requireApprover(job, managers));
            assertThat(e.getMessage(), containsString("builder"));
            assertThat(e.getMessage(), containsString("release-managers"));
            assertThat(ApproverCheck.mayApprove(job, managers), is(false));
            assertThat(ApproverCheck.requireApprover(job, ApproverList.parse("Builder, ops")), is("builder"));
        });
    }

    @Test
    void listDoesNotReplaceThePermission() {
        as(
                "reader",
                () -> assertThrows(
                        AccessDeniedException3.class,
                        () -> ApproverCheck.requireApprover(job, ApproverList.parse("reader"))));
    }

    @Test
    void administratorsAreNeverLockedOut() {
        as(
                "admin",
                () -> assertThat(
                        ApproverCheck.requireApprover(job, ApproverList.parse("release-managers")), is("admin")));
    }

    @Test
    void aRealmUserWhoNeverLoggedInIsFoundWithTheirGroups(JenkinsRule r) {
        JenkinsRule.DummySecurityRealm realm = (JenkinsRule.DummySecurityRealm) r.jenkins.getSecurityRealm();
        realm.addGroups("dave", "release-managers");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(DeployTrainPermissions.APPROVE)
                .onItems(job)
                .to("dave", "erin"));
        ApproverList managers = ApproverList.parse("release-managers");

        assertThat("no user record: never logged in", User.getById("dave", false), is(nullValue()));
        assertThat(ApproverCheck.mayApprove(job, managers, "dave"), is(true));
        assertThat("not in the group", ApproverCheck.mayApprove(job, managers, "erin"), is(false));
        assertThat("without the permission", ApproverCheck.mayApprove(other, managers, "dave"), is(false));
        assertThat("looking up created no user record", User.getById("dave", false), is(nullValue()));
    }

    private static void as(String user, Runnable check) {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            check.run();
        }
    }
}
