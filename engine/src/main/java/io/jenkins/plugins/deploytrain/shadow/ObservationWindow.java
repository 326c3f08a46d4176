package io.jenkins.plugins.deploytrain.shadow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A shadow gate that watches its source for a while rather than judging it once: it looks again every
 * {@link #interval()} until {@link #end()}, fails as soon as a look breaches the thresholds (waiting
 * longer cannot take back differences already seen), and passes only when the look at the end is clean.
 * A source with nothing to judge at the end fails: a gate never passes on silence.
 *
 * <p>The end is an absolute instant so that a host that restarts mid-window keeps the same deadline.
 */
public record ObservationWindow(Instant end, Duration interval) {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
    static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

    public ObservationWindow {
        Objects.requireNonNull(end, "end");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval between looks must be positive, found " + interval);
        }
    }

    /**
     * A window of {@code length} from {@code start}, looking ten times over it but never more often than
     * every 5 seconds nor less often than every minute; a zero length makes one look, at once.
     */
    public static ObservationWindow starting(Instant start, Duration length) {
        if (length.isNegative()) {
            throw new IllegalArgumentException("the observation window cannot be negative, found " + length);
        }
        Duration tenth = length.dividedBy(10);
        Duration interval = tenth.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL
                : tenth.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : tenth;
        return new ObservationWindow(start.plus(length), interval);
    }

    /** What to do after a look taken at {@code now}. */
    public Outcome judge(Instant now, ShadowLook look) {
        boolean over = !now.isBefore(end);
        if (look instanceof ShadowLook.Breach breach) {
            return new Outcome.Fail(breach.failures());
        }
        if (!over) {
            return next(now);
        }
        if (look instanceof ShadowLook.NothingYet nothing) {
            return new Outcome.Fail(List.of("nothing to judge at the end of the observation window: " + nothing.reason()));
        }
        return new Outcome.Pass(look.summary());
    }

    private Outcome next(Instant now) {
        Instant then = now.plus(interval);
        return new Outcome.Watch(then.isAfter(end) ? end : then);
    }

    public sealed interface Outcome {
        /** Look again at {@code at} (never later than the end, so the last look is on time). */
        record Watch(Instant at) implements Outcome {}

        record Pass(String summary) implements Outcome {}

        record Fail(List<String> failures) implements Outcome {
            public Fail {
                failures = List.copyOf(failures);
            }
        }
    }
}
