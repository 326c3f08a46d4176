package io.jenkins.plugins.deploytrain.window;

import java.time.Duration;
import java.time.Instant;

/** A half-open span of time {@code [start, end)}. */
public record Interval(Instant start, Instant end) {

    public Interval {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("interval ends before it starts: " + start + " .. " + end);
        }
    }

    public boolean isEmpty() {
        return !end.isAfter(start);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** True when {@code [from, from + d]} lies inside this interval (a zero-length span must start inside). */
    public boolean fits(Instant from, Duration d) {
        return contains(from) && !from.plus(d).isAfter(end);
    }

    public Interval clip(Instant from, Instant to) {
        Instant s = start.isBefore(from) ? from : start;
        Instant e = end.isAfter(to) ? to : end;
        return new Interval(s, e.isBefore(s) ? s : e);
    }
}
