package io.jenkins.plugins.deploytrain.gate;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The variables a gate template can use for a target: {@code TRAIN_ENVIRONMENT}, {@code TRAIN_ZONE},
 * {@code TRAIN_REGION}, {@code TRAIN_PROVIDER}, {@code TRAIN_TIER}, {@code TRAIN_VERSION}, and every
 * fleet label as {@code TRAIN_LABEL_<NAME>} (upper case, non-alphanumerics as '_').
 */
public final class TargetVariables {

    private TargetVariables() {
    }

    public static Map<String, String> of(Environment environment, String zone, String version) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TRAIN_ENVIRONMENT", environment.name());
        vars.put("TRAIN_ZONE", zone);
        vars.put("TRAIN_REGION", environment.region());
        vars.put("TRAIN_PROVIDER", environment.provider());
        vars.put("TRAIN_TIER", environment.tier().yamlName());
        vars.put("TRAIN_VERSION", version);
        environment.labels().forEach((k, v) -> vars.put("TRAIN_LABEL_" + k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), v));
        return Map.copyOf(vars);
    }

    /**
     * The variables of a whole environment, for a query about it rather than about one zone (a daily train's
     * baked version): the {@code TRAIN_*} names without zone and version, and the short {@code environment},
     * {@code region}, {@code provider}, {@code tier} and {@code service}.
     */
    public static Map<String, String> ofEnvironment(Environment environment, String service) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TRAIN_ENVIRONMENT", environment.name());
        vars.put("TRAIN_REGION", environment.region());
        vars.put("TRAIN_PROVIDER", environment.provider());
        vars.put("TRAIN_TIER", environment.tier().yamlName());
        vars.put("TRAIN_SERVICE", service);
        environment.labels().forEach((k, v) -> vars.put("TRAIN_LABEL_" + k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), v));
        vars.put("environment", environment.name());
        vars.put("region", environment.region());
        vars.put("provider", environment.provider());
        vars.put("tier", environment.tier().yamlName());
        vars.put("service", service);
        return Map.copyOf(vars);
    }

    /** The variables of a target as the ledger snapshotted it (no version or labels there). */
    public static Map<String, String> of(TargetRecord target) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TRAIN_ENVIRONMENT", target.environment());
        vars.put("TRAIN_ZONE", target.zone());
        vars.put("TRAIN_REGION", target.region() == null ? "" : target.region());
        vars.put("TRAIN_PROVIDER", target.provider() == null ? "" : target.provider());
        vars.put("TRAIN_TIER", target.tier() == null ? "" : target.tier());
        return Map.copyOf(vars);
    }
}
