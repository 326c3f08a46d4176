package io.jenkins.plugins.deploytrain.jenkins.slackplugin;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.User;
import hudson.security.ACL;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.jenkins.gate.ControllerHttp;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackConnectionCheck;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.Chosen;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.InEffect;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The Slack part of the global configuration page: which source is in effect for each Slack setting
 * (Deploy Train's own or the Slack plugin's), and "Test connection", which names the scopes the token lacks.
 * The page's fields as typed are used, so a change can be tested before it is saved.
 */
public final class SlackConnectionTest {

    private SlackConnectionTest() {}

    /** "using the Slack plugin's credential 'slack-bot'; channel #releases from the Slack plugin's default channel; ..." */
    public static String inEffect(
            @CheckForNull String channel, @CheckForNull String credentialsId, @CheckForNull String apiUrl) {
        return decide(channel, credentialsId, apiUrl).describe();
    }

    /** For an administrator only (the caller checks): calls Slack with the token in effect. */
    public static FormValidation test(
            @CheckForNull String channel, @CheckForNull String credentialsId, @CheckForNull String apiUrl) {
        InEffect inEffect = decide(channel, credentialsId, apiUrl);
        if (inEffect.credentialsId().isEmpty()) {
            return FormValidation.warning(inEffect.describe());
        }
        String id = inEffect.credentialsId().get().value();
        StringCredentials credential = CredentialsProvider.findCredentialByIdInItemGroup(
                id, StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
        if (credential == null) {
            return FormValidation.error("no Secret text credential '" + id + "' in Jenkins' global credentials");
        }
        if (credential.getScope() == CredentialsScope.SYSTEM) {
            // Jenkins may use it here, but a build may not: the train would find no token
            return FormValidation.error("the credential '" + id + "' has the scope System: builds cannot use it;"
                    + " give it the scope Global");
        }
        URI api = SlackClient.DEFAULT_BASE;
        if (inEffect.apiUrl().isPresent()) {
            try {
                api = new URI(inEffect.apiUrl().get().value());
            } catch (URISyntaxException e) {
                return FormValidation.error("the Slack API URL is not a URL");
            }
            if (api.getHost() == null) {
                return FormValidation.error("the Slack API URL has no host");
            }
        }
        SlackClient client = new SlackClient(
                api, new Secret(credential.getSecret().getPlainText()), Duration.ofSeconds(10), ControllerHttp.shared());
        User me = User.current();
        Optional<String> email =
                me != null && SlackPlugin.findsUsersByEmail() ? SlackPlugin.emailOf(me) : Optional.empty();
        SlackConnectionCheck.Report report =
                SlackConnectionCheck.run(client, inEffect.channel().map(Chosen::value), email);
        String text = inEffect.describe() + ": " + String.join("; ", report.lines());
        return report.ok() ? FormValidation.ok(text) : FormValidation.warning(text);
    }

    private static InEffect decide(@CheckForNull String channel, @CheckForNull String credentialsId, @CheckForNull String apiUrl) {
        return SlackPrecedence.decide(
                SlackPrecedence.Configured.global(channel, credentialsId, apiUrl, SlackPlugin.settings()));
    }
}
