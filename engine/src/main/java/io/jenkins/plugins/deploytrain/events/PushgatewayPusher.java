package io.jenkins.plugins.deploytrain.events;

import io.jenkins.plugins.deploytrain.gate.JsonHttp;
import io.jenkins.plugins.deploytrain.gate.MonitoringException;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Pushes a job's ledger as metrics ({@link MetricsExposition}) to a Prometheus Pushgateway, one group per service
 * and job ({@code /metrics/job/deploy_train/service/<service>/deploy_job/<job>}), replaced by each push (PUT) so
 * two jobs never overwrite each other's series and a job's push never leaves stale series of its own. On a
 * thread of the host's executor: {@link #published} only keeps the newest ledger (the metrics are a view of it, so older
 * states need not be sent) and returns; pushes are debounced, so a burst of writes is one push. A Pushgateway
 * that is down is logged once per outage and pushed to again with the next change (or when the host closes the
 * pusher); it never blocks or fails the train. The pushes run on the host's executor, holding a thread only while
 * there is something to push, so a host needs no thread per train and nothing to stop when a train ends.
 */
public final class PushgatewayPusher implements LedgerPublisher, AutoCloseable {

    public static final String JOB = "deploy_train";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.~-]+");

    private final JsonHttp http;
    private final String base;
    private final Duration debounce;
    private final Executor executor;
    private final Consumer<String> log;
    private Ledger pending;
    private boolean draining;
    private boolean closed;
    private volatile boolean failing;
    private int pushed;

    /** Pushing on a daemon thread of its own, started for each burst of changes. */
    public PushgatewayPusher(URI base, HttpClient client, Duration timeout, Duration debounce, Consumer<String> log) {
        this(base, client, timeout, debounce, ownThread("deploy-train-pushgateway"), log);
    }

    /**
     * @param debounce how long after a change the push waits for more changes
     * @param executor where the pushes run (Jenkins: the plugin's pool for blocking work); a push holds it only while
     *     a burst of changes is being pushed
     * @param log where an outage and its end are said (once each)
     */
    public PushgatewayPusher(URI base, HttpClient client, Duration timeout, Duration debounce, Executor executor, Consumer<String> log) {
        this.http = new JsonHttp("Pushgateway", base, client, timeout);
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.debounce = debounce;
        this.executor = executor;
        this.log = log;
    }

    /** An executor that runs each task on a new daemon thread. */
    public static Executor ownThread(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** The path of a service's and job's group, values that are not plain URL text in base64url ({@code @base64}). */
    public static String groupPath(String service, String job) {
        return "/metrics/job/" + JOB + "/service" + value(service) + "/deploy_job" + value(job);
    }

    /** One grouping label value as a path segment, with its leading slash (the Pushgateway README's encoding). */
    static String value(String v) {
        if (PLAIN.matcher(v).matches()) {
            return "/" + v;
        }
        // base64url of the empty string is empty; the Pushgateway spells it "="
        String encoded = Base64.getUrlEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
        return "@base64/" + (encoded.isEmpty() ? "=" : encoded);
    }

    @Override
    public void published(Ledger stored, List<DeployEvent> events) {
        boolean start;
        synchronized (this) {
            if (closed) {
                return;
            }
            pending = stored;
            start = !draining;
            draining = true;
        }
        if (start && !Drains.start(executor, this::drain, log, "Pushgateway: the push")) {
            synchronized (this) {
                draining = false;
            }
        }
    }

    /** How many pushes succeeded (for tests and the host's summary). */
    public synchronized int pushed() {
        return pushed;
    }

    /**
     * Pushes what is still pending (a push that failed is tried once more here), waiting at most {@code max}; then
     * takes no more changes.
     */
    public void close(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        boolean start = false;
        synchronized (this) {
            if (pending != null && !draining) {
                draining = true;
                start = true;
            }
        }
        if (start && !Drains.start(executor, this::drain, log, "Pushgateway: the last push")) {
            synchronized (this) {
                draining = false;
            }
        }
        synchronized (this) {
            try {
                while (draining) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    notifyAll(); // no need to wait out the debounce any longer
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
            notifyAll();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Pushes the newest ledger until no change is left; a failed push keeps it for the next change (or close). */
    private void drain() {
        while (true) {
            Ledger ledger;
            synchronized (this) {
                try {
                    if (!closed) {
                        // debounce: later writes within the pause replace this one
                        wait(debounce.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ledger = pending;
                pending = null;
                if (ledger == null) {
                    draining = false;
                    notifyAll();
                    return;
                }
            }
            boolean ok = push(ledger);
            synchronized (this) {
                if (ok) {
                    pushed++;
                } else {
                    if (pending == null) {
                        pending = ledger;
                    }
                    draining = false;
                    notifyAll();
                    return;
                }
            }
        }
    }

    private boolean push(Ledger ledger) {
        try {
            for (String service : MetricsExposition.services(ledger)) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + groupPath(service, ledger.job())))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", MetricsExposition.CONTENT_TYPE)
                        .PUT(HttpRequest.BodyPublishers.ofString(MetricsExposition.render(ledger, service), StandardCharsets.UTF_8)).build();
                HttpResponse<String> response = http.send(request);
                if (response.statusCode() / 100 != 2) {
                    throw http.httpError(request, response);
                }
            }
            if (failing) {
                failing = false;
                log.accept("Pushgateway at " + base + " takes the metrics again");
            }
            return true;
        } catch (MonitoringException e) {
            if (!failing) {
                failing = true;
                log.accept("Pushgateway: " + e.getMessage() + "; the metrics are pushed again with the next change (the train goes on)");
            }
            return false;
        }
    }
}
