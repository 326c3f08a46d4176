package io.jenkins.plugins.deploytrain.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which gates of a train need a monitoring system that the host was not given. Such a train is refused
 * before it starts: evaluated, the gate would only ever fail, and the train would pause at its first target.
 */
public final class MonitoringRequirements {

    /** A gate (in its tier, {@code default} for every tier) and the system it needs. */
    public record Unmet(String tier, String gate, System system) {}

    public enum System {
        PROMETHEUS("Prometheus"),
        PROMETHEUS_OR_ALERTMANAGER("Alertmanager or Prometheus"),
        DATADOG("Datadog");

        private final String label;

        System(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private MonitoringRequirements() {}

    public static List<Unmet> unmet(GatesConfig gates, MonitoringEndpoints endpoints) {
        Map<String, List<GateSpec>> all = new LinkedHashMap<>();
        all.put("default", gates.defaults());
        all.putAll(gates.byTier());
        List<Unmet> unmet = new ArrayList<>();
        all.forEach((tier, specs) -> specs.forEach(spec -> {
            System needed = needs(spec, endpoints);
            if (needed != null) {
                unmet.add(new Unmet(tier, spec.name(), needed));
            }
        }));
        return unmet;
    }

    private static System needs(GateSpec spec, MonitoringEndpoints endpoints) {
        if (spec instanceof GateSpec.PrometheusQuery) {
            return endpoints.prometheus().isPresent() ? null : System.PROMETHEUS;
        }
        if (spec instanceof GateSpec.PrometheusAlerts) {
            return endpoints.prometheus().isPresent() || endpoints.alertmanager().isPresent() ? null : System.PROMETHEUS_OR_ALERTMANAGER;
        }
        if (spec instanceof GateSpec.DatadogMonitors) {
            return endpoints.datadog().isPresent() ? null : System.DATADOG;
        }
        return null;
    }
}
