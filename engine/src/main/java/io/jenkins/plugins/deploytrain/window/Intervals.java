package io.jenkins.plugins.deploytrain.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Set operations on lists of intervals; results are sorted, disjoint and without empty intervals. */
public final class Intervals {

    private Intervals() {}

    public static List<Interval> union(List<Interval> intervals) {
        List<Interval> sorted = intervals.stream()
                .filter(i -> !i.isEmpty())
                .sorted(Comparator.comparing(Interval::start))
                .toList();
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            if (!merged.isEmpty() && !i.start().isAfter(merged.get(merged.size() - 1).end())) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.start(), later(last.end(), i.end())));
            } else {
                merged.add(i);
            }
        }
        return merged;
    }

    /** The parts covered by both; inputs must be normalised (as {@link #union} returns them). */
    public static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant s = later(a.get(i).start(), b.get(j).start());
            Instant e = earlier(a.get(i).end(), b.get(j).end());
            if (s.isBefore(e)) {
                out.add(new Interval(s, e));
            }
            if (a.get(i).end().isBefore(b.get(j).end())) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** The parts of {@code a} not covered by {@code b}; inputs must be normalised. */
    public static List<Interval> subtract(List<Interval> a, List<Interval> b) {
        List<Interval> out = new ArrayList<>();
        int j = 0;
        for (Interval i : a) {
            Instant cursor = i.start();
            while (j < b.size() && !b.get(j).end().isAfter(cursor)) {
                j++;
            }
            int k = j;
            while (k < b.size() && b.get(k).start().isBefore(i.end())) {
                if (b.get(k).start().isAfter(cursor)) {
                    out.add(new Interval(cursor, b.get(k).start()));
                }
                cursor = later(cursor, b.get(k).end());
                k++;
            }
            if (cursor.isBefore(i.end())) {
                out.add(new Interval(cursor, i.end()));
            }
        }
        return out;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
