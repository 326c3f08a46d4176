package io.jenkins.plugins.deploytrain.events;

import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.gate.DatadogClient;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Deploy events to Datadog's event stream, sent on the host's executor so Datadog can never stop or slow a train:
 * {@link #published} only queues. The queue is bounded and drops its oldest event when full (counted, logged once
 * per order of magnitude); a 429 waits until Datadog's {@code X-RateLimit-Reset}; a 5xx or no answer is retried with
 * exponential backoff a bounded number of times; a 403 (keys refused) is said once and turns publishing off, as no
 * retry can fix it. The keys travel only in the client's headers: no log line here can carry them.
 */
public final class DatadogEventPublisher implements LedgerPublisher, AutoCloseable {

    public record Settings(int queueCapacity, int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
        public static final Settings DEFAULT = new Settings(1000, 5, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** The longest a 429 is waited out before asking again (Datadog's periods run up to an hour). */
    static final Duration LONGEST_RATE_LIMIT_WAIT = Duration.ofMinutes(5);

    public record Stats(int delivered, int dropped, int pending, boolean disabled) {}

    private final DatadogClient client;
    private final String sourceType;
    private final Settings settings;
    private final Consumer<String> log;
    private final Deque<DeployEvent> queue = new ArrayDeque<>();
    private final Executor executor;
    private boolean draining;
    private boolean inFlight;
    private boolean closed;
    private volatile boolean disabled;
    private int delivered;
    private int dropped;
    private long overflow;
    private boolean rateLimited;

    /** Sending on a daemon thread of its own, started whenever events wait. */
    public DatadogEventPublisher(DatadogClient client, String sourceType, Settings settings, Consumer<String> log) {
        this(client, sourceType, settings, PushgatewayPusher.ownThread("deploy-train-datadog-events"), log);
    }

    /**
     * @param sourceType Datadog's {@code source_type_name} for the events
     * @param executor where the sending runs (Jenkins: the plugin's pool for blocking work); it holds a thread only
     *     while events wait, so a host needs nothing to stop when a train ends
     */
    public DatadogEventPublisher(DatadogClient client, String sourceType, Settings settings, Executor executor, Consumer<String> log) {
        this.client = client;
        this.sourceType = sourceType;
        this.settings = settings;
        this.executor = executor;
        this.log = log;
    }

    @Override
    public void published(Ledger stored, List<DeployEvent> events) {
        boolean start;
        synchronized (this) {
            start = queue(events);
        }
        if (start && !Drains.start(executor, this::drain, log, "Datadog events: sending")) {
            synchronized (this) {
                draining = false;
            }
        }
    }

    /** Queues the events; true when a drain must be started. */
    private boolean queue(List<DeployEvent> events) {
        if (closed) {
            return false;
        }
        for (DeployEvent event : events) {
            if (disabled) {
                dropped++;
                continue;
            }
            if (queue.size() >= settings.queueCapacity()) {
                queue.pollFirst();
                dropped++;
                overflow++;
                if (Long.toString(overflow).matches("10*")) {
                    log.accept("Datadog events: queue full (" + settings.queueCapacity() + "); " + overflow + " oldest dropped so far");
                }
            }
            queue.addLast(event);
        }
        notifyAll();
        if (queue.isEmpty() || draining) {
            return false;
        }
        draining = true;
        return true;
    }

    public synchronized Stats stats() {
        return new Stats(delivered, dropped, queue.size() + (inFlight ? 1 : 0), disabled);
    }

    /** Waits at most {@code max} for the queue to be sent (or given up), then takes no more; what is left is counted. */
    public void close(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            try {
                while ((!queue.isEmpty() || inFlight) && !disabled) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
            if (!queue.isEmpty()) {
                dropped += queue.size();
                log.accept("Datadog events: " + queue.size() + " not sent before the end");
                queue.clear();
            }
            notifyAll();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** Sends until the queue is empty, then lets the thread go. */
    private void drain() {
        int attempts = 0;
        while (true) {
            DeployEvent event;
            synchronized (this) {
                if (closed || queue.isEmpty()) {
                    draining = false;
                    notifyAll();
                    return;
                }
                event = queue.pollFirst();
                inFlight = true;
            }
            Duration pause = null;
            boolean done = true;
            Map<String, Object> body = DatadogEventText.body(event, sourceType);
            DatadogClient.EventAnswer answer = client.postEvent(body);
            if (!(answer instanceof DatadogClient.EventAnswer.RateLimited)) {
                rateLimited = false;
            }
            if (answer instanceof DatadogClient.EventAnswer.Accepted) {
                count(true);
            } else if (answer instanceof DatadogClient.EventAnswer.RateLimited limited) {
                // a rate limit is Datadog's pacing, not a fault of the event: it does not use up an attempt. The wait is
                // capped so a host's pooled thread is never held for a whole rate-limit period; asking early costs a 429.
                pause = limited.reset().compareTo(LONGEST_RATE_LIMIT_WAIT) > 0 ? LONGEST_RATE_LIMIT_WAIT : limited.reset();
                done = false;
                if (!rateLimited) {
                    rateLimited = true;
                    log.accept("Datadog events: rate limited (HTTP 429); again in " + Durations.format(pause));
                }
            } else {
                DatadogClient.EventAnswer.Refused refused = (DatadogClient.EventAnswer.Refused) answer;
                if (refused.status() == 403 || refused.status() == 401) {
                    disabled = true;
                    log.accept("Datadog events are off until the keys are fixed: " + refused.why());
                    count(false);
                } else if (refused.retryable() && attempts + 1 < settings.maxAttempts()) {
                    pause = backoff(attempts);
                    done = false;
                    if (attempts == 0) {
                        log.accept("Datadog events: " + refused.why() + "; retrying with backoff (the train goes on)");
                    }
                } else {
                    log.accept("Datadog events: " + refused.why() + "; event '" + body.get("title") + "' dropped");
                    count(false);
                }
            }
            attempts = done ? 0 : attempts + (answer instanceof DatadogClient.EventAnswer.RateLimited ? 0 : 1);
            synchronized (this) {
                if (!done && !closed) {
                    // retried before anything queued after it: the stream stays in order
                    queue.addFirst(event);
                }
                if (disabled) {
                    dropped += queue.size();
                    queue.clear();
                }
                inFlight = false;
                notifyAll();
                if (pause != null) {
                    long until = System.nanoTime() + pause.toNanos();
                    long left;
                    try {
                        while (!closed && (left = until - System.nanoTime()) > 0) {
                            wait(Math.max(1, left / 1_000_000));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        draining = false;
                        notifyAll();
                        return;
                    }
                }
            }
        }
    }

    private synchronized void count(boolean ok) {
        if (ok) {
            delivered++;
        } else {
            dropped++;
        }
    }

    private Duration backoff(int attempts) {
        Duration d = settings.baseBackoff().multipliedBy(1L << Math.min(attempts, 20));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }
}
