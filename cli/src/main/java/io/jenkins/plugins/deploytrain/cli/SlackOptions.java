package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackNotifier;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.notify.SlackTrainNotifier;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The train's Slack thread: {@code run}'s options, the bot token from the environment. */
final class SlackOptions {

    static final String TOKEN_VARIABLE = "DEPLOY_TRAIN_SLACK_TOKEN";

    @Option(names = "--slack-channel", paramLabel = "CHANNEL",
            description = "Tell the train's story in one Slack thread in this channel (default: slack.channel of the train file), "
                    + "read replies there as approvals and wait for them; bot token from the environment variable " + TOKEN_VARIABLE + ".")
    String channel;

    @Option(names = "--slack-api", paramLabel = "URL", description = "The Slack Web API base (default: https://slack.com/api).")
    URI api;

    /** Where the token comes from; a field so tests can supply it without a process environment. */
    Map<String, String> environment = System.getenv();

    /** The train's thread (its story) and its replies (approvals). */
    record Connected(SlackTrainNotifier notifier, SlackThreadReplies replies) {}

    /**
     * The train's Slack thread, empty when neither --slack-channel nor train.yaml's {@code slack.channel} names a
     * channel. Threads and the last reply read are kept in the state folder, so a resumed train keeps its thread.
     */
    Optional<Connected> connect(Path stateDir, SlackSettings settings, PrintWriter err) {
        String target = channel != null ? channel : settings.channel().orElse(null);
        if (target == null) {
            return Optional.empty();
        }
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException((channel != null ? "--slack-channel" : "slack.channel in the train file")
                    + " needs the bot token in the environment variable " + TOKEN_VARIABLE);
        }
        StateProperties threads = new StateProperties(stateDir.resolve("slack-threads.properties"), "Slack thread of each train (train id = thread ts)");
        SlackClient client = new SlackClient(api == null ? SlackClient.DEFAULT_BASE : api, new Secret(token), Duration.ofSeconds(10));
        SlackTrainNotifier notifier = new SlackTrainNotifier(client, target, SlackNotifier.Settings.DEFAULT, "", threads.read(),
                (train, ts) -> {
                    if (!threads.put(train, ts)) {
                        err.println("slack: cannot record the thread of " + train + " in the state folder; a later run starts a new thread");
                    }
                }, message -> err.println("slack: " + message));
        return Optional.of(new Connected(notifier, new SlackThreadReplies(client, notifier, target, settings,
                stateDir.resolve("slack-replies.properties"), message -> err.println("slack: " + message))));
    }
}
