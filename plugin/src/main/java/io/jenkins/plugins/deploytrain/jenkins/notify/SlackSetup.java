package io.jenkins.plugins.deploytrain.jenkins.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.security.SecretTexts;
import io.jenkins.plugins.deploytrain.jenkins.slackplugin.SlackPlugin;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a build's train tells its story on Slack, and with which bot token. The channel is the step's
 * {@code slackChannel}, else the train file's {@code slack.channel}, else the global default; the token is
 * the Secret text credential of the step's {@code slackCredentialsId}, else the global one, resolved for
 * the build. Each falls back to the Slack plugin's global configuration when it is installed
 * ({@link SlackPrecedence}). Held only while the build runs (it carries the token); a resumed build resolves it again.
 */
public record SlackSetup(URI api, String channel, Secret token, Duration pollReplies) {

    /**
     * @return empty when no channel is named anywhere: the train has no Slack thread
     * @throws AbortException when a channel is named but cannot be used, saying why (never the token)
     */
    public static Optional<SlackSetup> resolve(
            @CheckForNull String stepChannel,
            @CheckForNull String stepCredentialsId,
            SlackSettings train,
            DeployTrainGlobalConfiguration config,
            Run<?, ?> run)
            throws AbortException {
        // issue 18: step > train file > ours > the Slack plugin's, decided by the engine
        SlackPrecedence.InEffect inEffect = SlackPrecedence.decide(new SlackPrecedence.Configured(
                stepChannel,
                train.channel(),
                config.getSlackChannel(),
                stepCredentialsId,
                config.getSlackCredentialsId(),
                config.getSlackApiUrl(),
                SlackPlugin.settings()));
        String channel = inEffect.channel().map(SlackPrecedence.Chosen::value).orElse(null);
        if (channel == null) {
            return Optional.empty();
        }
        if (!SlackSettings.isChannel(channel)) {
            throw new AbortException(Messages.SlackSetup_badChannel(channel));
        }
        String credentialsId =
                inEffect.credentialsId().map(SlackPrecedence.Chosen::value).orElse(null);
        if (credentialsId == null) {
            throw new AbortException(Messages.SlackSetup_noCredential(channel));
        }
        Secret token = SecretTexts.find(credentialsId, run)
                .orElseThrow(() -> new AbortException(Messages.SlackSetup_unusableCredential(credentialsId)));
        String apiUrl = inEffect.apiUrl().map(SlackPrecedence.Chosen::value).orElse(null);
        return Optional.of(new SlackSetup(api(apiUrl), channel, token, train.pollReplies()));
    }

    private static URI api(@CheckForNull String configured) throws AbortException {
        if (configured == null) {
            return SlackClient.DEFAULT_BASE;
        }
        URI uri;
        try {
            uri = new URI(configured);
        } catch (URISyntaxException e) {
            throw new AbortException(Messages.SlackSetup_badApiUrl());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            throw new AbortException(Messages.SlackSetup_badApiUrl());
        }
        return uri;
    }
}
