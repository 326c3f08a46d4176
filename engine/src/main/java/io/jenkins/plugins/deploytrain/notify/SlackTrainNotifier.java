package io.jenkins.plugins.deploytrain.notify;

import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.Notifier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The train stepper's {@link Notifier} port on Slack: one thread per train (the root names train,
 * version, fleet size and link, and is kept up to date with a summary), each message a threaded reply.
 * Never blocks: every train's messages go through its own {@link SlackNotifier}.
 */
public final class SlackTrainNotifier implements Notifier, AutoCloseable {

    private final SlackClient client;
    private final String channel;
    private final SlackNotifier.Settings settings;
    private final String link;
    private final Map<String, String> knownThreads;
    private final BiConsumer<String, String> onThreadStarted;
    private final Consumer<String> log;
    private final Map<String, SlackNotifier> threads = new ConcurrentHashMap<>();

    /**
     * @param knownThreads train id to thread ts recorded earlier (a resumed host keeps its threads)
     * @param onThreadStarted receives (train id, thread ts) to record
     */
    public SlackTrainNotifier(SlackClient client, String channel, SlackNotifier.Settings settings, String link,
                              Map<String, String> knownThreads, BiConsumer<String, String> onThreadStarted, Consumer<String> log) {
        this.client = client;
        this.channel = channel;
        this.settings = settings;
        this.link = link;
        this.knownThreads = Map.copyOf(knownThreads);
        this.onThreadStarted = onThreadStarted;
        this.log = log;
    }

    @Override
    public void notify(Train train, String message) {
        TrainEvent.Started started = started(train);
        SlackNotifier thread = thread(train);
        thread.say(message);
        long done = train.targets().stream().map(TargetRecord::status)
                .filter(s -> s == TargetStatus.SUCCEEDED || s == TargetStatus.SKIPPED).count();
        String state = train.status().name().toLowerCase().replace('_', ' ') + (train.reason() == null ? "" : ": " + train.reason());
        thread.summary(SlackText.summary(started, (int) done, state));
    }

    /**
     * The train's thread, to publish into (e.g. the note that a reply was ignored): the one this host started, or
     * the one recorded earlier, or a new one (its root is posted first).
     */
    public SlackNotifier thread(Train train) {
        return threads.computeIfAbsent(train.id(), id -> {
            SlackNotifier n = new SlackNotifier(client, channel, knownThreads.get(id), settings, ts -> onThreadStarted.accept(id, ts), log);
            n.start(started(train));
            return n;
        });
    }

    /** The thread of a train, once Slack has answered the root message. */
    public Optional<String> threadOf(String trainId) {
        return Optional.ofNullable(threads.get(trainId)).flatMap(SlackNotifier::threadTs)
                .or(() -> Optional.ofNullable(knownThreads.get(trainId)));
    }

    /** Waits, at most {@code max} per thread, for the queued messages to be sent (a host that exits sends its last words). */
    public void awaitIdle(Duration max) throws InterruptedException {
        for (SlackNotifier thread : threads.values()) {
            thread.awaitIdle(max);
        }
    }

    @Override
    public void close() {
        threads.values().forEach(SlackNotifier::close);
    }

    private TrainEvent.Started started(Train train) {
        int environments = (int) train.targets().stream().map(TargetRecord::environment).distinct().count();
        return new TrainEvent.Started(train.service(), train.version(), environments, train.targets().size(), link);
    }
}
