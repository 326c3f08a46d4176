package io.jenkins.plugins.deploytrain.gate;

import io.jenkins.plugins.deploytrain.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates one gate for one target. Stateless: everything comes from the {@link GateContext}, so a
 * restarted train evaluates the same way. A system that is not configured, unreachable, too slow or
 * answering with an error makes the gate FAILED with that reason; it is never a pass.
 */
public final class GateEvaluator {

    private final Optional<PrometheusClient> prometheus;
    private final Optional<AlertmanagerClient> alertmanager;
    private final Optional<DatadogClient> datadog;
    private final Duration budget;

    /** An evaluator whose gates may take at most a minute each, whatever the number of requests. */
    public GateEvaluator(Optional<PrometheusClient> prometheus, Optional<AlertmanagerClient> alertmanager,
                         Optional<DatadogClient> datadog) {
        this(prometheus, alertmanager, datadog, Duration.ofMinutes(1));
    }

    /**
     * @param budget the longest one gate's evaluation may take: every request has its own timeout, and a
     *     gate that needs many requests (one per Datadog monitor) stops, FAILED, when the budget is spent
     */
    public GateEvaluator(Optional<PrometheusClient> prometheus, Optional<AlertmanagerClient> alertmanager,
                         Optional<DatadogClient> datadog, Duration budget) {
        this.prometheus = prometheus;
        this.alertmanager = alertmanager;
        this.datadog = datadog;
        this.budget = budget;
    }

    public GateResult evaluate(GateSpec spec, GateContext ctx) {
        try {
            if (spec instanceof GateSpec.Bake b) {
                return bake(b, ctx);
            } else if (spec instanceof GateSpec.PrometheusQuery q) {
                return query(q, ctx);
            } else if (spec instanceof GateSpec.PrometheusAlerts a) {
                return alerts(a, ctx);
            }
            return datadogMonitors((GateSpec.DatadogMonitors) spec, ctx);
        } catch (MonitoringException | TemplateException e) {
            return GateResult.failed(spec.name(), e.getMessage(), List.of(), ctx.now());
        } catch (RuntimeException e) {
            return GateResult.failed(spec.name(), "gate evaluation failed: " + e, List.of(), ctx.now());
        }
    }

    private static GateResult bake(GateSpec.Bake b, GateContext ctx) {
        Instant deadline = ctx.since().plus(b.duration());
        return ctx.now().isBefore(deadline)
                ? GateResult.pending(b.name(), "baking " + Durations.format(b.duration()) + " until " + deadline, ctx.now(), deadline)
                : GateResult.passed(b.name(), "baked " + Durations.format(b.duration()), ctx.now());
    }

    private GateResult query(GateSpec.PrometheusQuery q, GateContext ctx) {
        PrometheusClient client = prometheus.orElseThrow(() -> new MonitoringException("no Prometheus is configured for gate " + q.name()));
        String expr = PromqlTemplate.render(q.expr(), ctx.variables());
        Duration stay = q.mustStayEmptyOrZeroFor();
        Instant deadline = ctx.since().plus(stay);
        Instant start = ctx.since().isAfter(ctx.now().minus(stay)) ? ctx.since() : ctx.now().minus(stay);
        QueryResult result = stay.isZero() || !start.isBefore(ctx.now())
                ? client.query(expr, ctx.now())
                : client.queryRange(expr, start, ctx.now(), q.step());
        List<FiringSignal> bad = result.nonZero();
        if (!bad.isEmpty()) {
            return GateResult.failed(q.name(), bad.size() + " series not empty or zero for " + expr + ": " + describe(bad), bad, ctx.now());
        }
        if (ctx.now().isBefore(deadline)) {
            Instant next = ctx.now().plus(q.step());
            return GateResult.pending(q.name(), "clean so far; must stay clean until " + deadline, ctx.now(),
                    next.isBefore(deadline) ? next : deadline);
        }
        return GateResult.passed(q.name(), "empty or zero" + (stay.isZero() ? "" : " for " + Durations.format(stay)), ctx.now());
    }

    private GateResult alerts(GateSpec.PrometheusAlerts a, GateContext ctx) {
        List<LabelMatcher> matchers = a.matchers().stream()
                .map(m -> m.withValue(PromqlTemplate.substitute(m.value(), ctx.variables(),
                        m.op().isRegex() ? PromqlTemplate::regexQuote : v -> v)))
                .toList();
        List<FiringSignal> firing = new ArrayList<>();
        if (alertmanager.isPresent()) {
            // Alertmanager knows about silences: an alert silenced by an approval no longer blocks.
            for (AlertmanagerClient.Alert alert : alertmanager.get().alerts(matchers, false, false)) {
                if (matchers.stream().allMatch(m -> m.matches(alert.labels()))) {
                    firing.add(alertSignal(alert.labels(), alert.annotations()));
                }
            }
        } else {
            PrometheusClient client = prometheus.orElseThrow(() ->
                    new MonitoringException("neither Alertmanager nor Prometheus is configured for gate " + a.name()));
            for (PrometheusClient.Alert alert : client.alerts()) {
                if ("firing".equals(alert.state()) && matchers.stream().allMatch(m -> m.matches(alert.labels()))) {
                    firing.add(alertSignal(alert.labels(), alert.annotations()));
                }
            }
        }
        String scope = matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "}"));
        return firing.isEmpty()
                ? GateResult.passed(a.name(), "no firing alert matches " + scope, ctx.now())
                : GateResult.failed(a.name(), firing.size() + " alert(s) firing for " + scope + ": " + describe(firing), firing, ctx.now());
    }

    private GateResult datadogMonitors(GateSpec.DatadogMonitors d, GateContext ctx) {
        DatadogClient client = datadog.orElseThrow(() -> new MonitoringException("no Datadog is configured for gate " + d.name()));
        long deadline = System.nanoTime() + budget.toNanos();
        Map<Long, DatadogClient.Monitor> monitors = new LinkedHashMap<>();
        for (long id : d.ids()) {
            withinBudget(deadline, d.name());
            monitors.put(id, client.monitor(id));
        }
        if (d.query().isPresent()) {
            String query = PromqlTemplate.substitute(d.query().get(), ctx.variables(), v -> v.replace("\\", "\\\\").replace("\"", "\\\""));
            client.searchMonitors(query).forEach(m -> monitors.putIfAbsent(m.id(), m));
        }
        if (monitors.isEmpty()) {
            return GateResult.failed(d.name(), "no Datadog monitor matched " + d.query().orElse("the ids"), List.of(), ctx.now());
        }
        List<FiringSignal> firing = new ArrayList<>();
        for (DatadogClient.Monitor m : monitors.values()) {
            withinBudget(deadline, d.name());
            if (d.failingStates().contains(m.state())
                    && client.downtimeMatches(m.id()).stream().noneMatch(dt -> dt.activeAt(ctx.now()))) {
                firing.add(new FiringSignal(FiringSignal.Source.DATADOG_MONITOR, m.name(),
                        Map.of("monitor_id", String.valueOf(m.id()), "state", m.state()), ""));
            }
        }
        return firing.isEmpty()
                ? GateResult.passed(d.name(), monitors.size() + " Datadog monitor(s) OK or in downtime", ctx.now())
                : GateResult.failed(d.name(), firing.size() + " of " + monitors.size() + " Datadog monitor(s) failing: " + describe(firing),
                        firing, ctx.now());
    }

    private void withinBudget(long deadline, String gate) {
        if (System.nanoTime() > deadline) {
            throw new MonitoringException("gate " + gate + " took longer than " + Durations.format(budget) + " to evaluate");
        }
    }

    private static FiringSignal alertSignal(Map<String, String> labels, Map<String, String> annotations) {
        return new FiringSignal(FiringSignal.Source.ALERT, labels.getOrDefault("alertname", "alert"), labels,
                annotations.getOrDefault("summary", ""));
    }

    private static String describe(List<FiringSignal> signals) {
        String all = signals.stream().limit(5).map(FiringSignal::describe).collect(Collectors.joining("; "));
        return signals.size() > 5 ? all + "; and " + (signals.size() - 5) + " more" : all;
    }
}
