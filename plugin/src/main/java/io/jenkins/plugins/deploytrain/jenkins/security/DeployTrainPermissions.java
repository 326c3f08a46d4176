package io.jenkins.plugins.deploytrain.jenkins.security;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.DoNotUse;

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

    /**
     * Registers the permission at startup, before the system configuration is loaded, so that it is
     * listed with all the others (the matrix authorization page, {@code Permission.getAll()}) before
     * anything has touched this class (the same pattern as core's {@code View} and {@code Cloud}).
     * Calling a static method is what initializes the class.
     */
    @Initializer(before = InitMilestone.SYSTEM_CONFIG_LOADED)
    @Restricted(DoNotUse.class) // called by Jenkins at startup only
    public static void register() {}
}
