package io.jenkins.plugins.deploytrain.window;

import java.time.LocalDate;
import java.time.ZoneId;

/** A date without deploys, read as a whole day in a time zone. */
public record Holiday(LocalDate date, ZoneId zone) {

    public Interval interval() {
        return new Interval(WallClock.firstInstant(date.atStartOfDay(), zone),
                WallClock.firstInstant(date.plusDays(1).atStartOfDay(), zone));
    }
}
