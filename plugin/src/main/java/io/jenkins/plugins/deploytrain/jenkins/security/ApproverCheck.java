package io.jenkins.plugins.deploytrain.jenkins.security;

import hudson.model.Item;
import hudson.model.User;
import hudson.security.SecurityRealm;
import java.util.List;
import jenkins.model.IdStrategy;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Decides whether the current user may settle an approval of a train in a job: the Approve permission
 * on the job first, then, when the train names approvers, membership by user id or group. Like the
 * {@code input} step, administrators are never locked out by a list.
 */
public final class ApproverCheck {

    private ApproverCheck() {}

    /**
     * @return the Jenkins user id of the approver, for the audit trail
     * @throws AccessDeniedException (HTTP 403) when the user lacks the permission or is not listed
     */
    public static String requireApprover(Item job, ApproverList approvers) {
        job.checkPermission(DeployTrainPermissions.APPROVE);
        Authentication who = Jenkins.getAuthentication2();
        if (!listedOrAdmin(who, approvers)) {
            throw new AccessDeniedException(Messages.ApproverCheck_notListed(who.getName(), approvers));
        }
        return who.getName();
    }

    /** For views: whether to offer the approval buttons at all. */
    public static boolean mayApprove(Item job, ApproverList approvers) {
        return job.hasPermission(DeployTrainPermissions.APPROVE)
                && listedOrAdmin(Jenkins.getAuthentication2(), approvers);
    }

    /**
     * For approvals that do not come through Jenkins (a reply in the train's Slack thread): whether the
     * Jenkins user with this id may approve, by the same rules as if they had clicked. A user the security
     * realm cannot look up (or a controller without security) gets only what anyone may do: allowed when
     * anonymous holds the Approve permission and the id is on the list, if there is one.
     */
    public static boolean mayApprove(Item job, ApproverList approvers, String userId) {
        // create: a user of the security realm who never logged in has no record yet, and is still that user
        User user = User.getById(userId, true);
        if (user != null) {
            try {
                Authentication who = user.impersonate2();
                return job.getACL().hasPermission2(who, DeployTrainPermissions.APPROVE)
                        && listedOrAdmin(who, approvers);
            } catch (UsernameNotFoundException unknown) {
                // below: as anyone
            }
        }
        return job.getACL().hasPermission2(Jenkins.ANONYMOUS2, DeployTrainPermissions.APPROVE)
                && listed(userId, List.of(), approvers);
    }

    private static boolean listedOrAdmin(Authentication who, ApproverList approvers) {
        if (!approvers.restricts() || Jenkins.get().hasPermission2(who, Jenkins.ADMINISTER)) {
            return true;
        }
        List<String> authorities = who.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
        return listed(who.getName(), authorities, approvers);
    }

    private static boolean listed(String userId, List<String> groups, ApproverList approvers) {
        if (!approvers.restricts()) {
            return true;
        }
        SecurityRealm realm = Jenkins.get().getSecurityRealm();
        IdStrategy users = realm.getUserIdStrategy();
        IdStrategy groupIds = realm.getGroupIdStrategy();
        return approvers.lists(userId, groups, users::equals, groupIds::equals);
    }
}
