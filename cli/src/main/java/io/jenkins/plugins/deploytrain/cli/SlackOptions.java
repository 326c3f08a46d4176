package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackNotifier;
import io.jenkins.plugins.deploytrain.notify.SlackTrainNotifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The train's Slack thread: {@code run}'s options, the bot token from the environment. */
final class SlackOptions {

    static final String TOKEN_VARIABLE = "DEPLOY_TRAIN_SLACK_TOKEN";

    @Option(names = "--slack-channel", paramLabel = "CHANNEL",
            description = "Tell the train's story in one Slack thread in this channel; bot token from the environment variable "
                    + TOKEN_VARIABLE + ".")
    String channel;

    @Option(names = "--slack-api", paramLabel = "URL", description = "The Slack Web API base (default: https://slack.com/api).")
    URI api;

    /** Where the token comes from; a field so tests can supply it without a process environment. */
    Map<String, String> environment = System.getenv();

    /** The notifier, empty without --slack-channel; threads are kept in the state folder so a resumed train keeps its thread. */
    Optional<SlackTrainNotifier> notifier(Path stateDir, PrintWriter err) {
        if (channel == null) {
            return Optional.empty();
        }
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--slack-channel needs the bot token in the environment variable " + TOKEN_VARIABLE);
        }
        Path threadsFile = stateDir.resolve("slack-threads.properties");
        SlackClient client = new SlackClient(api == null ? SlackClient.DEFAULT_BASE : api, new Secret(token), Duration.ofSeconds(10));
        return Optional.of(new SlackTrainNotifier(client, channel, SlackNotifier.Settings.DEFAULT, "", threads(threadsFile),
                (train, ts) -> remember(threadsFile, train, ts), message -> err.println("slack: " + message)));
    }

    private static Map<String, String> threads(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        Map<String, String> threads = new HashMap<>();
        p.stringPropertyNames().forEach(k -> threads.put(k, p.getProperty(k)));
        return threads;
    }

    private static synchronized void remember(Path file, String train, String ts) {
        Properties p = new Properties();
        p.putAll(threads(file));
        p.setProperty(train, ts);
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "Slack thread of each train (train id = thread ts)");
        } catch (IOException e) {
            // losing the thread id only starts a new thread on the next run; never worth stopping the train
        }
    }
}
