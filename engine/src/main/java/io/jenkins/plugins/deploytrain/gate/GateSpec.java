package io.jenkins.plugins.deploytrain.gate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One monitor gate between two steps of a train, as configured in train.yaml. */
public sealed interface GateSpec {

    String name();

    /**
     * A PromQL expression that must return nothing (or only zeros) for a duration after the step.
     * The expression may use ${TRAIN_*} placeholders inside quoted label values.
     */
    record PrometheusQuery(String name, String expr, Duration mustStayEmptyOrZeroFor, Duration step)
            implements GateSpec {
        public PrometheusQuery {
            mustStayEmptyOrZeroFor = mustStayEmptyOrZeroFor == null ? Duration.ZERO : mustStayEmptyOrZeroFor;
            step = step == null ? Duration.ofSeconds(15) : step;
        }
    }

    /** No firing alert whose labels match every matcher (matcher values may use ${TRAIN_*}). */
    record PrometheusAlerts(String name, List<LabelMatcher> matchers) implements GateSpec {
        public PrometheusAlerts {
            matchers = List.copyOf(matchers);
        }
    }

    /**
     * Datadog monitors by id or by a monitor search query; fails while any is in a failing state
     * outside a downtime. {@code downtimeScope} (e.g. {@code env:${TRAIN_ENVIRONMENT}}) scopes the
     * downtimes an approval schedules.
     */
    record DatadogMonitors(String name, List<Long> ids, Optional<String> query, Set<String> failingStates,
                           Optional<String> downtimeScope) implements GateSpec {
        public static final Set<String> DEFAULT_FAILING_STATES = Set.of("Alert", "Warn");

        public DatadogMonitors {
            ids = List.copyOf(ids);
            failingStates = failingStates == null || failingStates.isEmpty()
                    ? DEFAULT_FAILING_STATES : Set.copyOf(failingStates);
        }
    }

    /** Waiting time after the step (bake, soak): passes at an absolute deadline. */
    record Bake(String name, Duration duration) implements GateSpec {
    }
}
