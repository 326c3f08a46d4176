package io.jenkins.plugins.deploytrain.jenkins.security;

import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;

/**
 * The permissions Deploy Train adds. Approving a train step is granted to whoever may build the job
 * unless the authorization strategy grants it separately, so a fresh install works without setup.
 */
public final class DeployTrainPermissions {

    public static final PermissionGroup GROUP =
            new PermissionGroup(DeployTrainPermissions.class, Messages._DeployTrainPermissions_group());

    public static final Permission APPROVE = new Permission(
            GROUP, "Approve", Messages._DeployTrainPermissions_approve_description(), Item.BUILD, PermissionScope.ITEM);

    private DeployTrainPermissions() {}
}
