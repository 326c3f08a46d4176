package io.jenkins.plugins.deploytrain.window;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A named weekly window in its own time zone: open on {@code days} during {@code hours}. A window
 * that spans midnight belongs to the day it starts on. Used both as an allowed window (business
 * hours) and as a blackout (trading hours).
 */
public record Window(String name, ZoneId zone, Set<DayOfWeek> days, DailyHours hours) {

    public Window {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    /** The openings that overlap {@code [from, to)}, clipped to it, in order. */
    public List<Interval> occurrences(Instant from, Instant to) {
        List<Interval> out = new ArrayList<>();
        // start one day early: an opening that spans midnight may reach into the range
        LocalDate date = LocalDate.ofInstant(from, zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            if (days.contains(date.getDayOfWeek())) {
                Interval opening = opening(date);
                if (opening.end().isAfter(from) && opening.start().isBefore(to)) {
                    out.add(opening.clip(from, to));
                }
            }
        }
        return out;
    }

    /** The opening that starts on {@code date} (whether or not the window is open on that weekday). */
    public Interval opening(LocalDate date) {
        Instant start = WallClock.firstInstant(date.atTime(hours.start()), zone);
        LocalDate endDate = hours.endsNextDay() ? date.plusDays(1) : date;
        Instant end = WallClock.firstInstant(endDate.atTime(hours.end()), zone);
        return new Interval(start, end.isBefore(start) ? start : end);
    }
}
