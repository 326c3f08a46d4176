package io.jenkins.plugins.deploytrain.events;

import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Something a train did that people outside Jenkins and the CLI want to see next to their other signals (a
 * deploy next to the error rate it caused). Derived from the ledger's audit log by {@link DeployEvents}, never
 * raised by the stepper itself, so every host publishes the same events.
 */
public sealed interface DeployEvent {

    /** The train the event belongs to. */
    Release release();

    Instant at();

    /** @param job the job whose ledger holds the train (train ids are unique within a job only) */
    record Release(String job, String train, String service, String version) {}

    /** Where in the fleet: one target. */
    record Place(String environment, String zone, String tier) {}

    record TrainStarted(Release release, Instant at, String by, String why) implements DeployEvent {}

    record TargetStarted(Release release, Instant at, Place place, int attempt) implements DeployEvent {}

    /** @param duration from the attempt's start to its end; null when the ledger lacks one of them */
    record TargetEnded(Release release, Instant at, Place place, int attempt, AttemptOutcome outcome, Duration duration,
            String detail) implements DeployEvent {}

    /** The train waits for a person. @param place the target it waits at, null when the whole train waits */
    record Paused(Release release, Instant at, Place place, TrainStatus status, String why) implements DeployEvent {}

    /** @param silence how long a {@code proceed} silences the monitors, null for none */
    record Approved(Release release, Instant at, Place place, String by, String action, Duration silence, String reason)
            implements DeployEvent {}

    record TrainEnded(Release release, Instant at, TrainStatus status, String why) implements DeployEvent {}
}
