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
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Pushes a job's ledger as metrics ({@link MetricsExposition}) to a Prometheus Pushgateway, one group per service
 * and job ({@code /metrics/job/deploy_train/service/<service>/deploy_job/<job>}), replaced by each push (PUT) so
 * two jobs never overwrite each other's series and a job's push never leaves stale series of its own. On a
 * thread of its own: {@link #published} only keeps the newest ledger (the metrics are a view of it, so older
 * states need not be sent) and returns; pushes are debounced, so a burst of writes is one push. A Pushgateway
 * that is down is logged once per outage and retried with the next change or after a pause; it never blocks or
 * fails the train.
 */
public final class PushgatewayPusher implements LedgerPublisher, AutoCloseable {

    public static final String JOB = "deploy_train";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.~-]+");

    private final JsonHttp http;
    private final String base;
    private final Duration debounce;
    private final Duration retryAfter;
    private final Consumer<String> log;
    private final Thread pusher;
    private Ledger pending;
    private boolean inFlight;
    private boolean closed;
    private volatile boolean failing;
    private int pushed;

    /**
     * @param debounce how long after a change the push waits for more changes
     * @param retryAfter how long after a failed push it is tried again when nothing changed meanwhile
     * @param log where an outage and its end are said (once each)
     */
    public PushgatewayPusher(URI base, HttpClient client, Duration timeout, Duration debounce, Duration retryAfter, Consumer<String> log) {
        this.http = new JsonHttp("Pushgateway", base, client, timeout);
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.debounce = debounce;
        this.retryAfter = retryAfter;
        this.log = log;
        this.pusher = new Thread(this::run, "deploy-train-pushgateway");
        this.pusher.setDaemon(true);
        this.pusher.start();
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
    public synchronized void published(Ledger stored, List<DeployEvent> events) {
        if (!closed) {
            pending = stored;
            notifyAll();
        }
    }

    /** How many pushes succeeded (for tests and the host's summary). */
    public synchronized int pushed() {
        return pushed;
    }

    /** Pushes what is still pending, waiting at most {@code max}, then stops the pusher. */
    public void close(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            try {
                while ((pending != null || inFlight) && !failing) {
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
        pusher.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private void run() {
        while (true) {
            Ledger ledger;
            synchronized (this) {
                try {
                    while (pending == null && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    // debounce: later writes within the pause replace this one
                    wait(debounce.toMillis());
                } catch (InterruptedException e) {
                    if (closed || pending == null) {
                        return;
                    }
                }
                ledger = pending;
                pending = null;
                inFlight = true;
            }
            boolean ok = push(ledger);
            synchronized (this) {
                inFlight = false;
                if (ok) {
                    pushed++;
                } else if (pending == null) {
                    pending = ledger;
                }
                notifyAll();
                if (!ok && !closed) {
                    try {
                        wait(retryAfter.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
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
