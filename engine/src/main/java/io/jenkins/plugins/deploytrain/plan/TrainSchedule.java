package io.jenkins.plugins.deploytrain.plan;

import java.time.Instant;
import java.util.List;

/**
 * The dry run of a train from {@code start}: every step's start and end, and the {@code eta}, when
 * the last step's soak is over and the train is complete.
 */
public record TrainSchedule(Instant start, List<ScheduledStep> steps, Instant eta) {

    public TrainSchedule {
        steps = List.copyOf(steps);
    }
}
