package io.jenkins.plugins.deploytrain.jenkins.slackplugin;

import hudson.PluginWrapper;
import hudson.model.User;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.SlackPluginSettings;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The Slack plugin ({@code slack}, an optional dependency), as far as Deploy Train uses it. Nothing here
 * names a {@code jenkins.plugins.slack} type: without the Slack plugin the plugin's class loader cannot see
 * those classes, and a class whose code names them fails to link the first time that code runs. So every
 * method asks whether the Slack plugin is active first and only then calls {@link SlackPluginBridge}, the
 * one class that names them; without it, the bridge is never loaded.
 */
public final class SlackPlugin {

    private SlackPlugin() {}

    /** Whether the Slack plugin is installed and enabled (a disabled or failed plugin's classes are not visible). */
    public static boolean active() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins == null) {
            return false;
        }
        PluginWrapper slack = jenkins.getPluginManager().getPlugin("slack");
        return slack != null && slack.isActive();
    }

    /** The Slack plugin's global configuration; empty when it is not installed. */
    public static Optional<SlackPluginSettings> settings() {
        return active() ? SlackPluginBridge.settings() : Optional.empty();
    }

    /** The Slack user id set in the user's Slack plugin settings ("Slack User Settings"), if any. */
    public static Optional<String> slackUserIdOf(User user) {
        return active() ? SlackPluginBridge.slackUserIdOf(user) : Optional.empty();
    }

    /**
     * Whether Slack users may be found by e-mail: not when the administrator chose the Slack plugin's
     * "no user id resolver", which turns its own e-mail lookup off.
     */
    public static boolean findsUsersByEmail() {
        return active() && SlackPluginBridge.findsUsersByEmail();
    }

    /** The user's e-mail address as the Slack plugin finds it (the mailer plugin's resolvers); null when none. */
    public static Optional<String> emailOf(User user) {
        return active() ? SlackPluginBridge.emailOf(user) : Optional.empty();
    }
}
