package io.jenkins.plugins.deploytrain.window;

import java.time.LocalDateTime;
import java.time.ZoneId;

/** A change freeze: no deploys from {@code from} to {@code to}, wall-clock times in {@code zone}. */
public record Freeze(LocalDateTime from, LocalDateTime to, ZoneId zone, String reason) {

    public Freeze {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a freeze must end after it starts (" + from + " .. " + to + ")");
        }
    }

    public Interval interval() {
        return new Interval(WallClock.firstInstant(from, zone), WallClock.firstInstant(to, zone));
    }
}
