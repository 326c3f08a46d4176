package io.jenkins.plugins.deploytrain.baked;

import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleetstate.FleetSnapshot;
import io.jenkins.plugins.deploytrain.gate.DatadogClient;
import io.jenkins.plugins.deploytrain.gate.MonitoringEndpoints;
import io.jenkins.plugins.deploytrain.gate.MonitoringException;
import io.jenkins.plugins.deploytrain.gate.MonitoringRequirements;
import io.jenkins.plugins.deploytrain.gate.PrometheusClient;
import io.jenkins.plugins.deploytrain.gate.QueryResult;
import io.jenkins.plugins.deploytrain.gate.TemplateException;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.plan.BakedQuery;
import io.jenkins.plugins.deploytrain.plan.VersionSelector;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The version a daily train deploys: from the ledger (the default), or from the Prometheus or Datadog query of
 * {@code versionFrom}. The one entry point of the CLI and the Jenkins step; the HTTP happens here, the decision
 * in {@link ObservedBakedVersion} and {@link BakedVersion}.
 */
public final class BakedVersionSource {

    /** The series label (Prometheus) or tag key (Datadog) that names the version. */
    public static final String VERSION = "version";

    private BakedVersionSource() {}

    /**
     * The monitoring system the selector's query needs and the host was not given, as an error naming the train
     * file's line, field and query; {@code howToGive} says how to give it on this host ("give --prometheus URL").
     */
    public static Optional<String> unmet(VersionSelector selector, MonitoringEndpoints endpoints,
            Function<MonitoringRequirements.System, String> howToGive) {
        return selector.query().flatMap(q -> {
            boolean given = q.system() == BakedQuery.System.PROMETHEUS ? endpoints.prometheus().isPresent() : endpoints.datadog().isPresent();
            if (given) {
                return Optional.empty();
            }
            MonitoringRequirements.System system = q.system() == BakedQuery.System.PROMETHEUS
                    ? MonitoringRequirements.System.PROMETHEUS : MonitoringRequirements.System.DATADOG;
            return Optional.of(ConfigProblem.at(q.where(), q.field(), q.template(), "the baked version is read from " + system.label()
                    + " ('" + q.template() + "'), which is not configured: " + howToGive.apply(system)).toString());
        });
    }

    /**
     * The version that baked {@code selector.bakedFor()} in the primary (or the named environment) until
     * {@code now}, or none with the reason: a monitoring system that cannot answer is a reason, never a version.
     */
    public static BakedVersion.Selection select(Ledger ledger, VersionSelector selector, String service, Fleet fleet,
            MonitoringEndpoints endpoints, Instant now) {
        return select(ledger, FleetSnapshot.empty(), selector, service, fleet, endpoints, now);
    }

    /**
     * The same, for a host that shares a fleet state: without a query, a version another job deployed to the
     * primary counts as well as one of this job's trains ({@link FleetBakedVersion}).
     */
    public static BakedVersion.Selection select(Ledger ledger, FleetSnapshot shared, VersionSelector selector, String service,
            Fleet fleet, MonitoringEndpoints endpoints, Instant now) {
        if (selector.query().isEmpty()) {
            Optional<BakedVersion.Selection> fromFleet = BakedQuery.environment(fleet, selector.environment())
                    .flatMap(e -> FleetBakedVersion.select(shared, service, e, ledger.job(), selector.bakedFor(), now));
            return fromFleet.orElseGet(() -> BakedVersion.select(ledger, selector.environment(), selector.bakedFor(), now));
        }
        BakedQuery query = selector.query().get();
        Optional<Environment> environment = BakedQuery.environment(fleet, selector.environment());
        String where = selector.environment().map(e -> "environment " + e)
                .orElseGet(() -> "the primary" + environment.map(e -> " (" + e.name() + ")").orElse(""));
        String rendered;
        try {
            rendered = environment.isPresent() ? query.render(BakedQuery.variables(environment.get(), service))
                    : query.render(Map.of());
        } catch (TemplateException e) {
            return none(query, e.getMessage());
        }
        Duration window = selector.bakedFor();
        Instant from = now.minus(ObservedBakedVersion.lookback(window));
        try {
            return query.system() == BakedQuery.System.PROMETHEUS
                    ? fromPrometheus(endpoints.prometheusClient().orElseThrow(() -> notConfigured(query)), rendered, window, from, now, where)
                    : fromDatadog(endpoints.datadogClient().orElseThrow(() -> notConfigured(query)), rendered, window, from, now, where);
        } catch (MonitoringException e) {
            return none(query, e.getMessage());
        }
    }

    private static BakedVersion.Selection fromPrometheus(PrometheusClient client, String promql, Duration window, Instant from, Instant now,
            String where) {
        Duration step = ObservedBakedVersion.step(window);
        QueryResult result = client.queryRange(promql, from, now, step);
        if (!(result instanceof QueryResult.Matrix matrix)) {
            throw new MonitoringException("Prometheus answered the range query " + promql + " with a " + result.getClass().getSimpleName().toLowerCase()
                    + ", not a matrix");
        }
        List<ObservedBakedVersion.Series> series = new ArrayList<>();
        List<Map<String, String>> unversioned = new ArrayList<>();
        for (QueryResult.Series s : matrix.series()) {
            String version = s.labels().get(VERSION);
            if (version == null || version.isEmpty()) {
                unversioned.add(s.labels());
            } else {
                series.add(new ObservedBakedVersion.Series(version, s.points().stream().map(QueryResult.Sample::at).toList()));
            }
        }
        if (series.isEmpty() && !unversioned.isEmpty()) {
            throw new MonitoringException("the " + unversioned.size() + " series of " + promql + " carry no '" + VERSION + "' label (such as "
                    + unversioned.get(0) + ")");
        }
        return ObservedBakedVersion.select(series, window, now, step, where, "Prometheus " + promql);
    }

    private static BakedVersion.Selection fromDatadog(DatadogClient client, String query, Duration window, Instant from, Instant now,
            String where) {
        Duration step = ObservedBakedVersion.step(window);
        // without an explicit rollup, Datadog picks the interval from the range; ours keeps it within window / 100
        String sent = query.contains(".rollup(") ? query : query + ".rollup(avg, " + step.toSeconds() + ")";
        List<DatadogClient.MetricSeries> answer = client.queryMetrics(sent, from, now);
        Duration coarsest = answer.stream().map(DatadogClient.MetricSeries::interval).max(Duration::compareTo).orElse(step);
        Duration finest = window.dividedBy(100);
        if (coarsest.compareTo(finest.isZero() ? Duration.ofSeconds(1) : finest) > 0) {
            throw new MonitoringException("Datadog answered " + sent + " at a " + Durations.format(coarsest) + " interval, coarser than the "
                    + Durations.format(window) + " window / 100: give the query a finer .rollup()");
        }
        List<ObservedBakedVersion.Series> series = new ArrayList<>();
        int unversioned = 0;
        for (DatadogClient.MetricSeries s : answer) {
            Optional<String> version = s.tag(VERSION);
            if (version.isEmpty()) {
                unversioned++;
                continue;
            }
            series.add(new ObservedBakedVersion.Series(version.get(),
                    s.points().stream().filter(p -> p.value() != null).map(DatadogClient.MetricPoint::at).toList()));
        }
        if (series.isEmpty() && unversioned > 0) {
            throw new MonitoringException("the " + unversioned + " series of " + sent + " carry no '" + VERSION + "' tag: group the query by {"
                    + VERSION + "}");
        }
        return ObservedBakedVersion.select(series, window, now, coarsest, where, "Datadog " + sent);
    }

    private static MonitoringException notConfigured(BakedQuery query) {
        return new MonitoringException(query.system().label() + " is not configured");
    }

    private static BakedVersion.Selection none(BakedQuery query, String why) {
        return new BakedVersion.Selection(Optional.empty(), "could not read the baked version from " + query.system().label() + " ("
                + query.where() + " " + query.field() + "): " + why);
    }
}
