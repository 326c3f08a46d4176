package io.jenkins.plugins.deploytrain.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which Slack settings a train uses, and where each comes from. Every setting is chosen on its own:
 * <ul>
 *   <li>channel: the step's {@code slackChannel}, else the train file's {@code slack.channel}, else Deploy
 *       Train's global default, else the Slack plugin's default channel ({@code room});
 *   <li>token credential: the step's {@code slackCredentialsId}, else Deploy Train's global one, else the
 *       Slack plugin's {@code tokenCredentialId}, only when the Slack plugin posts as a bot user (without
 *       it the credential holds a legacy "Jenkins CI" integration token, which the Web API refuses);
 *   <li>Web API base: Deploy Train's {@code slackApiUrl}, else the Slack plugin's base URL when it is a
 *       Slack-compatible Web API ({@link #webApiBase}), else Slack's own.
 * </ul>
 * A pure function of what is configured: the plugin reads the configurations, this decides.
 */
public final class SlackPrecedence {

    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
    private static final Pattern ROOM_SEPARATORS = Pattern.compile("[,; ]+");

    private SlackPrecedence() {}

    /** Where a setting came from, worded for a sentence ("using the Slack plugin's credential 'slack-bot'"). */
    public enum Source {
        STEP("the step's"),
        TRAIN_FILE("the train file's"),
        DEPLOY_TRAIN("Deploy Train's"),
        SLACK_PLUGIN("the Slack plugin's");

        private final String owner;

        Source(String owner) {
            this.owner = owner;
        }

        public String owner() {
            return owner;
        }
    }

    public record Chosen(String value, Source source) {}

    /**
     * The Slack plugin's global configuration, as far as a train can use it (absent when the plugin is not
     * installed). Values are as stored: null or blank when not set.
     */
    public record SlackPluginSettings(String room, String tokenCredentialId, String baseUrl, boolean botUser) {}

    /** Everything configured, null or empty where not set. The configuration page has no step and no train file. */
    public record Configured(
            String stepChannel,
            Optional<String> trainChannel,
            String globalChannel,
            String stepCredentialsId,
            String globalCredentialsId,
            String globalApiUrl,
            Optional<SlackPluginSettings> slackPlugin) {

        /** What the global configuration page can know: no step, no train file. */
        public static Configured global(
                String globalChannel, String globalCredentialsId, String globalApiUrl, Optional<SlackPluginSettings> slackPlugin) {
            return new Configured(null, Optional.empty(), globalChannel, null, globalCredentialsId, globalApiUrl, slackPlugin);
        }
    }

    /**
     * @param channel empty when no channel is named anywhere (the train has no Slack thread)
     * @param credentialsId empty when no token credential is named anywhere
     * @param apiUrl empty for Slack's own Web API
     * @param ignored why a Slack plugin setting was not used, one sentence each
     */
    public record InEffect(Optional<Chosen> channel, Optional<Chosen> credentialsId, Optional<Chosen> apiUrl, List<String> ignored) {

        public InEffect {
            ignored = List.copyOf(ignored);
        }

        public boolean usesSlackPlugin() {
            return channel.map(c -> c.source() == Source.SLACK_PLUGIN).orElse(false)
                    || credentialsId.map(c -> c.source() == Source.SLACK_PLUGIN).orElse(false)
                    || apiUrl.map(c -> c.source() == Source.SLACK_PLUGIN).orElse(false);
        }

        /** For the configuration page and the console: which source is in effect for each setting. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            parts.add(credentialsId.map(c -> "using " + c.source().owner() + " credential '" + c.value() + "'")
                    .orElse("no Slack token credential"));
            parts.add(channel.map(c -> "channel " + c.value() + " from " + c.source().owner() + " "
                            + (c.source() == Source.SLACK_PLUGIN ? "default channel" : "setting"))
                    .orElse("no default channel"));
            parts.add(apiUrl.map(c -> "Web API " + c.value() + " from " + c.source().owner() + " "
                            + (c.source() == Source.SLACK_PLUGIN ? "base URL" : "setting"))
                    .orElse("Slack's own Web API"));
            String text = String.join("; ", parts);
            return ignored.isEmpty() ? text : text + " (" + String.join("; ", ignored) + ")";
        }
    }

    public static InEffect decide(Configured in) {
        List<String> ignored = new ArrayList<>();
        Optional<SlackPluginSettings> plugin = in.slackPlugin();

        Optional<Chosen> channel = first(
                chosen(in.stepChannel(), Source.STEP),
                chosen(in.trainChannel().orElse(null), Source.TRAIN_FILE),
                chosen(in.globalChannel(), Source.DEPLOY_TRAIN));
        if (channel.isEmpty() && plugin.isPresent() && !blank(plugin.get().room())) {
            Optional<String> room = channelOfRoom(plugin.get().room());
            if (room.isPresent()) {
                channel = Optional.of(new Chosen(room.get(), Source.SLACK_PLUGIN));
            } else {
                ignored.add("the Slack plugin's default channel '" + plugin.get().room().trim() + "' names no channel");
            }
        }

        Optional<Chosen> credentials = first(
                chosen(in.stepCredentialsId(), Source.STEP), chosen(in.globalCredentialsId(), Source.DEPLOY_TRAIN));
        if (credentials.isEmpty() && plugin.isPresent() && !blank(plugin.get().tokenCredentialId())) {
            if (plugin.get().botUser()) {
                credentials = Optional.of(new Chosen(plugin.get().tokenCredentialId().trim(), Source.SLACK_PLUGIN));
            } else {
                ignored.add("the Slack plugin's credential '" + plugin.get().tokenCredentialId().trim()
                        + "' is not a bot token (its 'Custom slack app bot user' is off)");
            }
        }

        Optional<Chosen> api = chosen(in.globalApiUrl(), Source.DEPLOY_TRAIN);
        if (api.isEmpty() && plugin.isPresent() && !blank(plugin.get().baseUrl())) {
            Optional<URI> base = webApiBase(plugin.get().baseUrl());
            if (base.isPresent()) {
                api = Optional.of(new Chosen(base.get().toString(), Source.SLACK_PLUGIN));
            } else {
                ignored.add("the Slack plugin's base URL is a webhook URL, not a Slack Web API");
            }
        }
        return new InEffect(channel, credentials, api, ignored);
    }

    /**
     * The Slack plugin's base URL as a Web API base, when it is one. The Slack plugin uses its base URL only
     * for incoming webhooks (a Mattermost or Rocket.Chat hook, {@code .../hooks/}, with the token appended)
     * and calls {@code https://slack.com/api/} itself as a bot; so only a URL that is visibly a Slack Web API
     * is taken: {@code https}, a host, no user info, query or fragment, and a path ending in {@code /api} or
     * {@code /api/} (a Slack-compatible server or an egress proxy in front of Slack). Anything else, such as
     * the {@code https://<team>.slack.com/services/hooks/jenkins-ci} URL the Slack plugin corrects, is not.
     * Its value is never shown: a webhook URL may carry a token.
     */
    public static Optional<URI> webApiBase(String baseUrl) {
        if (blank(baseUrl)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getPath() == null
                || !(uri.getPath().endsWith("/api") || uri.getPath().endsWith("/api/"))) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    /**
     * The channel a train can use from the Slack plugin's default {@code room}: its first entry (the Slack
     * plugin allows several, separated by commas, semicolons or spaces), without a {@code :thread} suffix; a
     * bare name gets its {@code #}. A user ({@code @alice}) is no channel for a train's thread.
     */
    public static Optional<String> channelOfRoom(String room) {
        if (blank(room)) {
            return Optional.empty();
        }
        String first = ROOM_SEPARATORS.split(room.trim())[0];
        int thread = first.indexOf(':');
        String entry = thread < 0 ? first : first.substring(0, thread);
        if (entry.isEmpty() || entry.startsWith("@")) {
            return Optional.empty();
        }
        String channel = entry.startsWith("#") || CHANNEL_ID.matcher(entry).matches() ? entry : "#" + entry;
        return SlackSettings.isChannel(channel) ? Optional.of(channel) : Optional.empty();
    }

    private static Optional<Chosen> chosen(String value, Source source) {
        return blank(value) ? Optional.empty() : Optional.of(new Chosen(value.trim(), source));
    }

    @SafeVarargs
    private static Optional<Chosen> first(Optional<Chosen>... candidates) {
        for (Optional<Chosen> candidate : candidates) {
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
