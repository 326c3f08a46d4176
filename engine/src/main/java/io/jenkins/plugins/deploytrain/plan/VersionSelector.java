package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.config.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * For a daily train: deploy the version that has run in an environment (the primary unless named)
 * for at least {@code bakedFor}, instead of a fixed version. Without a {@code query} the train's own
 * ledger says what ran; with one, the monitoring system does (so a deploy by anything else counts too).
 */
public record VersionSelector(Optional<String> environment, Duration bakedFor, Optional<BakedQuery> query) {

    public VersionSelector(Optional<String> environment, Duration bakedFor) {
        this(environment, bakedFor, Optional.empty());
    }

    /** For people: "baked 24h in the primary, per the ledger" or "... per Prometheus build_info{...}". */
    public String describe() {
        return "baked " + Durations.format(bakedFor) + " in " + environment.map(e -> "environment " + e).orElse("the primary")
                + ", per " + query.map(BakedQuery::toString).orElse("the ledger");
    }
}
