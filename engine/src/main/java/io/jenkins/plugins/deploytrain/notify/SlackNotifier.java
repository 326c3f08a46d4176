package io.jenkins.plugins.deploytrain.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploytrain.config.Durations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One Slack thread per train, sent from a background thread so that Slack can never stop or slow
 * the train: {@link #publish} only puts the message in a bounded queue and returns. The sender posts
 * the root message, threads every reply under it, keeps the root's summary up to date (only the newest
 * summary is sent), honours 429 Retry-After and backs off on 5xx and timeouts with a bounded number of
 * attempts, and stops calling Slack after an error that no retry can fix (invalid_auth,
 * channel_not_found, ...). Every drop is logged, without the token.
 */
public final class SlackNotifier implements AutoCloseable {

    public record Settings(int queueCapacity, int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
        public static final Settings DEFAULT = new Settings(500, 5, Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    public record Stats(int delivered, int dropped, int pending, boolean disabled) {
    }

    private enum Kind { ROOT, REPLY, UPDATE }

    private static final class Outbound {
        final Kind kind;
        final String text;
        int attempts;

        Outbound(Kind kind, String text) {
            this.kind = kind;
            this.text = text;
        }
    }

    private final SlackClient client;
    private final String channel;
    private final Settings settings;
    private final Consumer<String> log;
    private final Consumer<String> onThreadStarted;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Outbound> queue = new ArrayDeque<>();
    private final Thread sender;

    private Outbound pendingSummary;
    private boolean inFlight;
    private volatile String threadTs;
    private volatile boolean closed;
    private volatile boolean disabled;
    private int delivered;
    private int dropped;
    private long overflow;

    /**
     * @param threadTs the thread of this train when it already exists (a resumed train), else null
     * @param onThreadStarted receives the root message's ts, to be recorded so a resumed train keeps its thread
     * @param log where problems go (never with the token)
     */
    public SlackNotifier(SlackClient client, String channel, String threadTs, Settings settings, Consumer<String> onThreadStarted,
                         Consumer<String> log) {
        this.client = client;
        this.channel = channel;
        this.threadTs = threadTs;
        this.settings = settings;
        this.onThreadStarted = onThreadStarted;
        this.log = log;
        this.sender = new Thread(this::run, "deploy-train-slack-" + channel);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Posts the root message, unless this train's thread already exists. */
    public void start(TrainEvent.Started started) {
        if (threadTs == null) {
            enqueue(new Outbound(Kind.ROOT, SlackText.root(started)));
        }
    }

    /** A threaded reply for a notable event. Never blocks. */
    public void publish(TrainEvent event) {
        enqueue(new Outbound(Kind.REPLY, SlackText.reply(event)));
    }

    /** A threaded reply with free text (escaped), for hosts whose notifier port speaks in sentences. Never blocks. */
    public void say(String text) {
        enqueue(new Outbound(Kind.REPLY, SlackText.escape(text)));
    }

    /** Replaces the root message's text; only the newest summary is ever sent. Never blocks. */
    public void summary(String text) {
        lock.lock();
        try {
            pendingSummary = new Outbound(Kind.UPDATE, text);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public Optional<String> threadTs() {
        return Optional.ofNullable(threadTs);
    }

    public Stats stats() {
        lock.lock();
        try {
            return new Stats(delivered, dropped, queue.size() + (pendingSummary == null ? 0 : 1) + (inFlight ? 1 : 0), disabled);
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code max} for everything queued to be sent or given up; true when nothing is left. */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            while (!queue.isEmpty() || pendingSummary != null || inFlight) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the sender at once; what was not sent is counted and logged. */
    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            int left = queue.size() + (pendingSummary == null ? 0 : 1);
            if (left > 0) {
                dropped += left;
                log.accept("Slack: " + left + " message(s) to " + channel + " not sent before the train ended");
            }
            queue.clear();
            pendingSummary = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Outbound item) {
        lock.lock();
        try {
            if (queue.size() >= settings.queueCapacity()) {
                dropOldestReply();
            }
            queue.addLast(item);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dropOldestReply() {
        for (Iterator<Outbound> it = queue.iterator(); it.hasNext(); ) {
            if (it.next().kind == Kind.REPLY) {
                it.remove();
                dropped++;
                overflow++;
                // one line per order of magnitude: a long outage must not flood the log either
                if (Long.toString(overflow).matches("10*")) {
                    log.accept("Slack: queue for " + channel + " full (" + settings.queueCapacity() + "); " + overflow
                            + " oldest repl" + (overflow == 1 ? "y" : "ies") + " dropped so far");
                }
                return;
            }
        }
    }

    private void run() {
        while (!closed) {
            Outbound item = next();
            if (item == null) {
                continue;
            }
            Duration pause = deliver(item);
            lock.lock();
            try {
                inFlight = false;
                changed.signalAll();
                if (pause != null) {
                    long until = System.nanoTime() + pause.toNanos();
                    long left;
                    while (!closed && (left = until - System.nanoTime()) > 0) {
                        changed.awaitNanos(left);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private Outbound next() {
        lock.lock();
        try {
            // One sender thread: a root still being retried is back at the head of the queue, so a summary
            // taken here comes after the root succeeded or was given up.
            while (!closed && queue.isEmpty() && pendingSummary == null) {
                changed.await();
            }
            if (closed) {
                return null;
            }
            Outbound item = queue.pollFirst();
            if (item == null) {
                item = pendingSummary;
                pendingSummary = null;
            }
            inFlight = item != null;
            return item;
        } catch (InterruptedException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Sends one message; returns how long to pause before the next call, or null. */
    private Duration deliver(Outbound item) {
        if (disabled) {
            drop(item, null);
            return null;
        }
        String method = item.kind == Kind.UPDATE ? "chat.update" : "chat.postMessage";
        SlackResult result = switch (item.kind) {
            case ROOT -> client.postMessage(channel, item.text, null);
            case REPLY -> client.postMessage(channel, item.text, threadTs);
            case UPDATE -> threadTs == null ? new SlackResult.Failed("no root message to update", false)
                    : client.update(channel, threadTs, item.text);
        };
        if (result instanceof SlackResult.Ok ok) {
            delivered(item, ok.body());
            return null;
        }
        if (result instanceof SlackResult.RateLimited limited) {
            return retry(item, limited.retryAfter(), method + " rate limited (HTTP 429), Retry-After " + limited.retryAfter().toSeconds() + "s");
        }
        SlackResult.Failed failed = (SlackResult.Failed) result;
        if (failed.retryable()) {
            return retry(item, backoff(item.attempts), method + " failed: " + failed.error());
        }
        drop(item, method + " to " + channel + " failed: " + failed.error());
        if (failed.fatal()) {
            disabled = true;
            log.accept("Slack: notifications for this train are off until the configuration is fixed (" + failed.error() + ")");
        }
        return null;
    }

    private void delivered(Outbound item, JsonNode body) {
        if (item.kind == Kind.ROOT) {
            threadTs = body.path("ts").asText();
            onThreadStarted.accept(threadTs);
        }
        lock.lock();
        try {
            delivered++;
        } finally {
            lock.unlock();
        }
    }

    private Duration retry(Outbound item, Duration wait, String why) {
        item.attempts++;
        if (item.attempts >= settings.maxAttempts()) {
            drop(item, why + "; gave up after " + item.attempts + " attempts");
            return wait;
        }
        log.accept("Slack: " + why + "; attempt " + (item.attempts + 1) + " of " + settings.maxAttempts() + " in " + (wait.toMillis() < 1000 ? wait.toMillis() + "ms" : Durations.format(wait)));
        lock.lock();
        try {
            if (item.kind == Kind.UPDATE) {
                if (pendingSummary == null) {
                    pendingSummary = item;
                }
            } else {
                queue.addFirst(item);
            }
        } finally {
            lock.unlock();
        }
        return wait;
    }

    private void drop(Outbound item, String why) {
        lock.lock();
        try {
            dropped++;
        } finally {
            lock.unlock();
        }
        if (why != null) {
            log.accept("Slack: " + why + " (" + item.kind.name().toLowerCase() + " dropped)");
        }
    }

    private Duration backoff(int attempts) {
        Duration d = settings.baseBackoff().multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }
}
