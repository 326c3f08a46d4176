package io.jenkins.plugins.deploytrain.window;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns a wall-clock time into the instant a window opens or closes, the way a person reads a
 * clock on a DST day: the first moment the wall clock shows that time or later. A time skipped
 * by spring-forward (02:30 in New York) therefore maps to the jump itself (03:00 EDT), not an
 * hour later as {@code ZonedDateTime.of} would shift it; a time shown twice in autumn maps to
 * its first showing.
 */
public final class WallClock {

    private WallClock() {}

    public static Instant firstInstant(LocalDateTime wallTime, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(wallTime);
        if (offsets.isEmpty()) {
            return rules.getTransition(wallTime).getInstant();
        }
        Instant first = wallTime.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            Instant candidate = wallTime.toInstant(offset);
            if (candidate.isBefore(first)) {
                first = candidate;
            }
        }
        return first;
    }
}
