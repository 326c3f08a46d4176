package io.jenkins.plugins.deploytrain.jenkins.slackplugin;

import hudson.model.User;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackUserCache;
import io.jenkins.plugins.deploytrain.notify.SlackUserCache.Lookup;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Approvers found through the Slack plugin's user resolution, so that a reply in the train's thread counts
 * without an entry in {@code slackUsers}: a Jenkins user's Slack user is the one in their Slack plugin user
 * settings ({@code SlackUserProperty}), else the Slack user with their e-mail address (users.lookupByEmail,
 * as the Slack plugin's {@code EmailSlackUserIdResolver} does, but with the train's own token and Web API
 * base, built fresh for each lookup rather than the globally stored resolver, which has no token after a
 * restart, and without writing the result into the user's settings).
 *
 * <p>Who is looked up: the users named in the approver list when it names any, else every known user, and
 * always those with a Slack user in their settings (no call to Slack). Groups cannot be listed; their
 * members are found through their own settings. Whether someone found may approve is still decided by the
 * caller, by the Approve permission and the list. Results are cached per train ({@link SlackUserCache}).
 */
public final class SlackPluginApprovers {

    private SlackPluginApprovers() {}

    /**
     * @param explicit Slack user id to Jenkins user id, as configured; always wins
     * @param console where a problem (a missing {@code users:read.email} scope) is reported, once per train
     * @return Slack user id to Jenkins user id; {@code explicit} itself without the Slack plugin
     */
    public static Map<String, String> slackUsers(
            SlackUserCache cache,
            SlackClient client,
            Map<String, String> explicit,
            ApproverList approvers,
            Consumer<String> console) {
        if (!SlackPlugin.active()) {
            return explicit;
        }
        boolean byEmail = SlackPlugin.findsUsersByEmail();
        SlackUserCache.Round round =
                cache.slackUsers(explicit, candidates(approvers), jenkinsUser -> lookup(jenkinsUser, client, byEmail));
        round.newProblems().forEach(console);
        return round.slackUsers();
    }

    private static List<String> candidates(ApproverList approvers) {
        Set<String> ids = new LinkedHashSet<>();
        for (User user : User.getAll()) {
            if (SlackPlugin.slackUserIdOf(user).isPresent()) {
                ids.add(user.getId());
            }
        }
        if (approvers.restricts()) {
            for (String name : approvers.names()) {
                User user = User.getById(name, false);
                if (user != null) {
                    ids.add(user.getId());
                }
            }
        } else {
            User.getAll().forEach(user -> ids.add(user.getId()));
        }
        return List.copyOf(ids);
    }

    private static Lookup lookup(String jenkinsUser, SlackClient client, boolean byEmail) {
        User user = User.getById(jenkinsUser, false);
        if (user == null) {
            return new Lookup.NotFound();
        }
        Optional<String> configured = SlackPlugin.slackUserIdOf(user);
        if (configured.isPresent()) {
            return new Lookup.Found(configured.get());
        }
        Optional<String> email = byEmail ? SlackPlugin.emailOf(user) : Optional.empty();
        return email.map(address -> Lookup.ofLookupByEmail(client.lookupByEmail(address)))
                .orElseGet(Lookup.NotFound::new);
    }
}
