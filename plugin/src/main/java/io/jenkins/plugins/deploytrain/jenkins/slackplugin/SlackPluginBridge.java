package io.jenkins.plugins.deploytrain.jenkins.slackplugin;

import hudson.model.User;
import hudson.tasks.MailAddressResolver;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.SlackPluginSettings;
import java.util.Optional;
import jenkins.model.Jenkins;
import jenkins.plugins.slack.SlackNotifier;
import jenkins.plugins.slack.user.NoSlackUserIdResolver;
import jenkins.plugins.slack.user.SlackUserProperty;

/**
 * The only class that names the Slack plugin's types (and the mailer plugin's, which the Slack plugin
 * depends on). Called only through {@link SlackPlugin}, after it checked that the Slack plugin is active.
 */
final class SlackPluginBridge {

    private SlackPluginBridge() {}

    static Optional<SlackPluginSettings> settings() {
        SlackNotifier.DescriptorImpl slack = Jenkins.get().getDescriptorByType(SlackNotifier.DescriptorImpl.class);
        if (slack == null) {
            return Optional.empty();
        }
        return Optional.of(new SlackPluginSettings(
                slack.getRoom(), slack.getTokenCredentialId(), slack.getBaseUrl(), slack.isBotUser()));
    }

    static Optional<String> slackUserIdOf(User user) {
        SlackUserProperty property = user.getProperty(SlackUserProperty.class);
        if (property == null || property.getUserId() == null || property.getUserId().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(property.getUserId().trim());
    }

    static boolean findsUsersByEmail() {
        SlackNotifier.DescriptorImpl slack = Jenkins.get().getDescriptorByType(SlackNotifier.DescriptorImpl.class);
        return slack == null || !(slack.getSlackUserIdResolver() instanceof NoSlackUserIdResolver);
    }

    static Optional<String> emailOf(User user) {
        String address = MailAddressResolver.resolve(user);
        return address == null || address.isBlank() ? Optional.empty() : Optional.of(address.trim());
    }
}
