package io.jenkins.plugins.deploytrain.events;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.ledger.VersionMatrix;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A job's ledger as Prometheus metrics, in the text exposition format (0.0.4). A view of the durable ledger, not
 * counters kept by a process: a restarted runner, a second runner or the served page all say the same, and a
 * Pushgateway push replaces the group with it. Counts cover the trains the ledger keeps: retention dropping a
 * train lowers them, which Prometheus' {@code rate()} and {@code increase()} read as a counter reset. Pure.
 */
public final class MetricsExposition {

    /** Upper bounds of the duration histogram, in seconds: from a quick deploy to an hour. */
    static final List<Double> BUCKETS = List.of(1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1200.0, 1800.0, 3600.0);

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsExposition() {}

    /** Every service of the ledger. */
    public static String render(Ledger ledger) {
        return render(ledger, ledger.trains());
    }

    /** The services the ledger's trains deploy, in name order. */
    public static List<String> services(Ledger ledger) {
        return List.copyOf(new TreeSet<>(ledger.trains().stream().map(Train::service).toList()));
    }

    /** Only {@code service}'s series: one Pushgateway group per service and job. */
    public static String render(Ledger ledger, String service) {
        return render(ledger, ledger.trains().stream().filter(t -> t.service().equals(service)).toList());
    }

    private static String render(Ledger ledger, List<Train> trains) {
        Map<String, Long> deploys = new TreeMap<>();
        Map<String, Histogram> durations = new TreeMap<>();
        for (Train train : trains) {
            for (TargetRecord target : train.targets()) {
                for (Attempt attempt : target.attempts()) {
                    if (attempt.outcome() == AttemptOutcome.RUNNING) {
                        continue;
                    }
                    deploys.merge(labels("service", train.service(), "environment", target.environment(), "zone", target.zone(),
                            "outcome", attempt.outcome().json()), 1L, Long::sum);
                    if (attempt.started() != null && attempt.ended() != null) {
                        durations.computeIfAbsent(labels("service", train.service(), "environment", target.environment()),
                                k -> new Histogram()).observe(Duration.between(attempt.started(), attempt.ended()));
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        family(out, "deploy_train_deploys_total", "counter", "Deploys of a target that ended, by outcome (succeeded, failed, lost).");
        deploys.forEach((labels, count) -> sample(out, "deploy_train_deploys_total", labels, count));

        family(out, "deploy_train_deploy_duration_seconds", "histogram", "How long one deploy of a target took, start to end.");
        durations.forEach((labels, h) -> h.write(out, "deploy_train_deploy_duration_seconds", labels));

        family(out, "deploy_train_version_info", "gauge", "The version whose deploy last succeeded in an environment and zone (always 1).");
        Map<String, TreeMap<String, String>> versions = new TreeMap<>();
        for (String service : new TreeSet<>(trains.stream().map(Train::service).toList())) {
            VersionMatrix matrix = VersionMatrix.of(ledger.withTrains(trains.stream().filter(t -> t.service().equals(service)).toList()));
            TreeMap<String, String> cells = versions.computeIfAbsent(service, s -> new TreeMap<>());
            matrix.rows().forEach(row -> row.cells().stream().filter(c -> c.deployed() != null).forEach(c -> cells.put(
                    labels("service", service, "environment", c.environment(), "zone", c.zone(), "version", c.deployed().version()), "")));
        }
        versions.values().forEach(cells -> cells.keySet().forEach(labels -> sample(out, "deploy_train_version_info", labels, 1)));

        family(out, "deploy_train_state", "gauge", "1 for the train's current state, 0 for the others.");
        for (Train train : trains) {
            for (TrainStatus state : TrainStatus.values()) {
                sample(out, "deploy_train_state", labels("service", train.service(), "train", train.id(), "state", state.json()),
                        train.status() == state ? 1 : 0);
            }
        }
        return out.toString();
    }

    private static final class Histogram {
        final long[] counts = new long[BUCKETS.size()];
        long count;
        double sum;

        void observe(Duration d) {
            double seconds = d.toMillis() / 1000.0;
            for (int i = 0; i < counts.length; i++) {
                if (seconds <= BUCKETS.get(i)) {
                    counts[i]++;
                }
            }
            count++;
            sum += seconds;
        }

        void write(StringBuilder out, String name, String labels) {
            for (int i = 0; i < counts.length; i++) {
                sample(out, name + "_bucket", labels + ",le=\"" + number(BUCKETS.get(i)) + "\"", counts[i]);
            }
            sample(out, name + "_bucket", labels + ",le=\"+Inf\"", count);
            out.append(name).append("_sum{").append(labels).append("} ").append(number(sum)).append('\n');
            sample(out, name + "_count", labels, count);
        }
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    /** Label pairs in the given order, values escaped as the exposition format says (backslash, quote, newline). */
    static String labels(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
        }
        return out.toString();
    }

    static String escape(String value) {
        String v = value == null ? "" : value;
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** As Go's Prometheus client writes numbers: no trailing ".0" on whole ones. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
