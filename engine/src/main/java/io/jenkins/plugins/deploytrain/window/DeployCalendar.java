package io.jenkins.plugins.deploytrain.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When deploys may happen for one environment: inside the allowed windows, outside blackouts,
 * holidays and freezes.
 *
 * <p>Allowed windows come in groups (the environment's own list, the train's list): inside a group
 * any window will do, and every group must agree. So {@code allowed: [business-hours, weekend-night]}
 * opens both, and a train limited to European hours narrows every environment's own windows.
 * Holidays close the whole date in the zone of each allowed window (or in {@code holidayZone} when
 * there is none).
 *
 * <p>Queries compute the open intervals of a few days at a time and jump from edge to edge; the
 * cost depends on the number of window openings in the searched range, never on minutes.
 */
public final class DeployCalendar {

    private static final List<Duration> SEARCH_STEPS = List.of(Duration.ofDays(7), Duration.ofDays(42));

    private final List<List<Window>> allowedGroups;
    private final List<Window> blackouts;
    private final List<Interval> closures;

    public DeployCalendar(List<List<Window>> allowedGroups, List<Window> blackouts, List<LocalDate> holidays,
            ZoneId holidayZone, List<Freeze> freezes) {
        this.allowedGroups = allowedGroups.stream().filter(g -> !g.isEmpty()).map(List::copyOf).toList();
        this.blackouts = List.copyOf(blackouts);
        Set<ZoneId> holidayZones = new LinkedHashSet<>();
        this.allowedGroups.forEach(g -> g.forEach(w -> holidayZones.add(w.zone())));
        if (holidayZones.isEmpty()) {
            holidayZones.add(holidayZone);
        }
        List<Interval> closed = new ArrayList<>();
        for (LocalDate date : holidays) {
            holidayZones.forEach(zone -> closed.add(new Holiday(date, zone).interval()));
        }
        freezes.forEach(f -> closed.add(f.interval()));
        this.closures = Intervals.union(closed);
    }

    /** The open intervals overlapping {@code [from, to)}, clipped, sorted and disjoint. */
    public List<Interval> openIntervals(Instant from, Instant to) {
        List<Interval> open = List.of(new Interval(from, to));
        for (List<Window> group : allowedGroups) {
            List<Interval> groupOpen = new ArrayList<>();
            group.forEach(w -> groupOpen.addAll(w.occurrences(from, to)));
            open = Intervals.intersect(open, Intervals.union(groupOpen));
        }
        List<Interval> closed = new ArrayList<>();
        blackouts.forEach(w -> closed.addAll(w.occurrences(from, to)));
        closures.stream()
                .filter(c -> c.end().isAfter(from) && c.start().isBefore(to))
                .forEach(closed::add);
        return Intervals.subtract(open, Intervals.union(closed));
    }

    public boolean isOpen(Instant t) {
        return !openIntervals(t, t.plusSeconds(1)).isEmpty();
    }

    /**
     * The first instant at or after {@code notBefore} at which a step lasting {@code duration} may
     * start and end inside the open time; empty when there is none within {@code horizon}.
     */
    public Optional<Instant> earliestStart(Instant notBefore, Duration duration, Duration horizon) {
        List<Duration> spans = new ArrayList<>();
        SEARCH_STEPS.stream().filter(s -> s.compareTo(horizon) < 0).forEach(spans::add);
        spans.add(horizon);
        for (Duration span : spans) {
            // an interval clipped at the range's end only ever looks shorter, so a fit found here is
            // real, and the earliest real fit ending inside the range is always found
            for (Interval open : openIntervals(notBefore, notBefore.plus(span).plus(duration))) {
                Instant start = open.start().isBefore(notBefore) ? notBefore : open.start();
                if (open.fits(start, duration)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }
}
