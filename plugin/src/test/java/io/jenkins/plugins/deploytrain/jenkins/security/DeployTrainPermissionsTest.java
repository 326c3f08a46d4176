package io.jenkins.plugins.deploytrain.jenkins.security;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionScope;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DeployTrainPermissionsTest {

    private static final String APPROVE_ID =
            "io.jenkins.plugins.deploytrain.jenkins.security.DeployTrainPermissions.Approve";

    @Test
    void approveIsListedFromStartupAndImpliedByBuild(JenkinsRule r) {
        // looked up among all permissions before this test touches the class, as the matrix page lists them
        Permission listed = Permission.getAll().stream()
                .filter(p -> p.getId().equals(APPROVE_ID))
                .findFirst()
                .orElseThrow(() -> new AssertionError(APPROVE_ID + " is not registered at startup"));
        assertThat(listed, sameInstance(DeployTrainPermissions.APPROVE));
        assertThat(Permission.fromId(APPROVE_ID), sameInstance(DeployTrainPermissions.APPROVE));
        assertThat(listed.impliedBy, sameInstance(Item.BUILD));
        assertThat(listed.isContainedBy(PermissionScope.ITEM), is(true));
        assertThat(listed.group, sameInstance(DeployTrainPermissions.GROUP));
    }
}
