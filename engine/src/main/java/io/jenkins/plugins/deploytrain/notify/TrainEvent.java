package io.jenkins.plugins.deploytrain.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The notable moments of a train that its Slack thread tells. */
public sealed interface TrainEvent {

    record Started(String train, String version, int environments, int targets, String link) implements TrainEvent {
    }

    record ZoneDone(String environment, String zone) implements TrainEvent {
    }

    record EnvironmentDone(String environment, int done, int total) implements TrainEvent {
    }

    /** A gate failed: the train is paused at {@code target} until someone decides. */
    record GateFailed(String target, String gate, String reason, List<String> signals) implements TrainEvent {
        public GateFailed {
            signals = List.copyOf(signals);
        }
    }

    record WaitingForWindow(String target, Instant until, ZoneId zone) implements TrainEvent {
    }

    record Approved(String by, String action, Optional<Duration> silence, Optional<String> target, List<String> silences)
            implements TrainEvent {
        public Approved {
            silences = List.copyOf(silences);
        }
    }

    /** Someone replied in the thread who may not approve; the reply was ignored. */
    record ApprovalIgnored(String who, String text) implements TrainEvent {
    }

    record Completed(Duration took, int environments) implements TrainEvent {
    }

    record Failed(String reason) implements TrainEvent {
    }
}
