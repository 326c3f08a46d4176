package io.jenkins.plugins.deploytrain.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Silences exactly what made a gate fail, for a bounded time, when a person approves with a silence
 * duration: one Alertmanager silence per firing alert (every label of the alert as an equality matcher),
 * one Datadog downtime per failing monitor (scoped to the gate's downtime scope for the target).
 */
public final class Silencer {

    /** What was created (record these ids) and what could not be done (show these to people). */
    public record Outcome(List<SilenceRecord> created, List<String> problems) {
        public Outcome {
            created = List.copyOf(created);
            problems = List.copyOf(problems);
        }
    }

    private final Optional<AlertmanagerClient> alertmanager;
    private final Optional<DatadogClient> datadog;

    public Silencer(Optional<AlertmanagerClient> alertmanager, Optional<DatadogClient> datadog) {
        this.alertmanager = alertmanager;
        this.datadog = datadog;
    }

    public Outcome silence(GateSpec gate, GateResult failed, Duration duration, String approvedBy, String reason,
                           Map<String, String> variables, Instant now) {
        return silence(gate, failed, duration, approvedBy, reason, variables, now, null);
    }

    /**
     * @param key written into each silence's comment (Alertmanager) or message (Datadog) as {@code [key]}, so
     *            {@link #adopt} finds them again; null for none
     */
    public Outcome silence(GateSpec gate, GateResult failed, Duration duration, String approvedBy, String reason,
                           Map<String, String> variables, Instant now, String key) {
        List<SilenceRecord> created = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant end = now.plus(duration);
        String comment = (key == null ? "deploy-train" : marker(key)) + ": approved by " + approvedBy + " after gate " + failed.gate() + " failed"
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        Set<Map<String, String>> alertLabelSets = new LinkedHashSet<>();
        for (FiringSignal s : failed.signals()) {
            switch (s.source()) {
                case ALERT -> alertLabelSets.add(new TreeMap<>(s.labels()));
                case DATADOG_MONITOR -> datadogDowntime(gate, s, variables, now, end, comment, created, problems);
                case PROMETHEUS_SERIES -> problems.add("query gate " + failed.gate() + " has no alert to silence; "
                        + "the approval lets the train past it once");
            }
        }
        for (Map<String, String> labels : alertLabelSets) {
            if (alertmanager.isEmpty()) {
                problems.add("no Alertmanager is configured to silence " + labels);
                continue;
            }
            List<LabelMatcher> matchers = labels.entrySet().stream().map(e -> LabelMatcher.equal(e.getKey(), e.getValue())).toList();
            try {
                String id = alertmanager.get().createSilence(matchers, now, end, "deploy-train", comment);
                created.add(new SilenceRecord(SilenceRecord.System.ALERTMANAGER, id, matchers.toString(), end));
            } catch (MonitoringException e) {
                problems.add(e.getMessage());
            }
        }
        return new Outcome(created, problems);
    }

    /**
     * What a process killed between creating and recording left behind for this key, in the system the gate
     * silences: the Alertmanager silences whose comment carries {@code [key]} and are not expired, or the current
     * Datadog downtimes whose message carries it. A system that cannot be listed throws: better no silence than
     * a second one created blindly.
     */
    public List<SilenceRecord> adopt(GateSpec gate, String key) {
        String marker = marker(key);
        if (gate instanceof GateSpec.PrometheusAlerts && alertmanager.isPresent()) {
            return alertmanager.get().silences().stream()
                    .filter(s -> s.comment().startsWith(marker) && !s.state().equals("expired"))
                    .map(s -> new SilenceRecord(SilenceRecord.System.ALERTMANAGER, s.id(), s.matchers().toString(), s.endsAt()))
                    .toList();
        }
        if (gate instanceof GateSpec.DatadogMonitors && datadog.isPresent()) {
            return datadog.get().currentDowntimes().stream()
                    .filter(d -> d.current() && d.message().contains(marker))
                    .map(d -> new SilenceRecord(SilenceRecord.System.DATADOG, d.id(), downtimeScope(d.monitorId(), d.scope()), d.end()))
                    .toList();
        }
        return List.of();
    }

    /** Expires every record; returns the problems (an already expired one is not a problem). */
    public List<String> expire(List<SilenceRecord> records) {
        List<String> problems = new ArrayList<>();
        for (SilenceRecord r : records) {
            try {
                switch (r.system()) {
                    case ALERTMANAGER -> alertmanager.orElseThrow(() -> new MonitoringException("no Alertmanager is configured to expire silence " + r.id()))
                            .expireSilence(r.id());
                    case DATADOG -> datadog.orElseThrow(() -> new MonitoringException("no Datadog is configured to cancel downtime " + r.id()))
                            .cancelDowntime(r.id());
                }
            } catch (MonitoringException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private void datadogDowntime(GateSpec gate, FiringSignal s, Map<String, String> variables, Instant now, Instant end,
                                 String comment, List<SilenceRecord> created, List<String> problems) {
        if (datadog.isEmpty()) {
            problems.add("no Datadog is configured to put a downtime on " + s.name());
            return;
        }
        String scopeTemplate = gate instanceof GateSpec.DatadogMonitors d ? d.downtimeScope().orElse("*") : "*";
        try {
            String scope = PromqlTemplate.substitute(scopeTemplate, variables, Silencer::tagValue);
            long monitorId = Long.parseLong(s.labels().get("monitor_id"));
            String id = datadog.get().scheduleDowntime(monitorId, scope, now, end, comment);
            created.add(new SilenceRecord(SilenceRecord.System.DATADOG, id, downtimeScope(monitorId, scope), end));
        } catch (MonitoringException | TemplateException e) {
            problems.add(e.getMessage());
        }
    }

    private static String marker(String key) {
        return "deploy-train [" + key + "]";
    }

    private static String downtimeScope(Long monitorId, String scope) {
        return (monitorId == null ? "" : "monitor " + monitorId + " ") + "scope " + scope;
    }

    /** Datadog tag values allow letters, digits and {@code _-:./}; anything else would change the scope's meaning. */
    private static String tagValue(String value) {
        if (!value.matches("[A-Za-z0-9_.:/\\-]+")) {
            throw new TemplateException("value '" + value + "' cannot be used in a Datadog scope");
        }
        return value;
    }
}
