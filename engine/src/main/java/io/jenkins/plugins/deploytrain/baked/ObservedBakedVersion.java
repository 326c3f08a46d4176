package io.jenkins.plugins.deploytrain.baked;

import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which version baked, from a range query's samples: the newest version present in every sample of the whole
 * window. A version that was absent from a single sample restarts its bake there, so a version that flapped away
 * (a crash-looping deploy, a rollback and forward) has not baked. Among the versions present throughout, the
 * newest is the one whose continuous presence began most recently; the query therefore reaches back further than
 * the window ({@link #lookback}), and versions present since before even that tie and are ordered by their
 * names, numbers compared as numbers. Pure.
 */
public final class ObservedBakedVersion {

    /** Prometheus answers at most 11,000 points per series; stay well under it. */
    static final int MAX_POINTS = 10_000;
    /** A typical scrape interval: a finer step would only repeat samples. */
    static final Duration FINEST_STEP = Duration.ofMinutes(1);

    private ObservedBakedVersion() {}

    /** One series of the answer: its version and the instants it had a value at. */
    public record Series(String version, List<Instant> seenAt) {
        public Series {
            seenAt = List.copyOf(seenAt);
        }
    }

    /** How far back the query reaches: twice the window, to tell which of the versions present throughout came last. */
    public static Duration lookback(Duration window) {
        return window.multipliedBy(2);
    }

    /**
     * The step of the range query: no coarser than the window / 100, no finer than a scrape interval, and coarse
     * enough that the {@link #lookback} stays within {@link #MAX_POINTS} samples; whole seconds.
     */
    public static Duration step(Duration window) {
        long hundredth = Math.max(1, window.toSeconds() / 100);
        long finest = Math.max(FINEST_STEP.toSeconds(), (lookback(window).toSeconds() + MAX_POINTS - 1) / MAX_POINTS);
        return Duration.ofSeconds(Math.min(hundredth, finest));
    }

    /**
     * @param series the samples from {@code end - lookback(window)} to {@code end}
     * @param step the interval between two samples of one series (the query's step, or what the system answered with)
     * @param where for people: "the primary (prod-eu)"
     * @param source for people: "Prometheus build_info{...}"
     */
    public static BakedVersion.Selection select(List<Series> series, Duration window, Instant end, Duration step, String where,
            String source) {
        Instant windowStart = end.minus(window);
        Map<String, TreeSet<Instant>> byVersion = new TreeMap<>();
        series.forEach(s -> byVersion.computeIfAbsent(s.version(), v -> new TreeSet<>()).addAll(s.seenAt()));
        List<Presence> presences = new ArrayList<>();
        byVersion.forEach((version, seen) -> presences.add(Presence.of(version, seen, windowStart, end, step)));
        String span = Durations.format(window);
        Optional<Presence> newest = presences.stream()
                .filter(Presence::throughout)
                .max(Comparator.comparing(Presence::since).thenComparing(Presence::version, ObservedBakedVersion::compareVersions));
        if (newest.isPresent()) {
            Presence p = newest.get();
            return new BakedVersion.Selection(Optional.of(p.version()), "version " + p.version() + " was present in every sample of the last "
                    + span + " in " + where + " (continuously since " + p.since() + (p.sinceBeforeLookback(end.minus(lookback(window)), step)
                            ? " or earlier" : "") + ", per " + source + ")");
        }
        List<Presence> inWindow = presences.stream().filter(p -> !p.seenInWindow().isZero()).toList();
        if (inWindow.isEmpty()) {
            return new BakedVersion.Selection(Optional.empty(), "no version was seen in " + where + " in the last " + span + " (per " + source
                    + ": no series with a 'version' label)");
        }
        return new BakedVersion.Selection(Optional.empty(), "no version was present in every sample of the last " + span + " in " + where
                + " (per " + source + "); seen: " + inWindow.stream()
                        .sorted(Comparator.comparing(Presence::seenInWindow).reversed().thenComparing(Presence::version))
                        .map(p -> p.describe(span))
                        .collect(Collectors.joining("; ")));
    }

    /**
     * A version's samples, read against the window: {@code since} is where its last continuous run began (two
     * samples more than 1.5 steps apart break a run: one sample was missing).
     */
    private record Presence(String version, Instant since, Instant last, boolean untilEnd, boolean throughout, Duration seenInWindow) {

        static Presence of(String version, TreeSet<Instant> seen, Instant windowStart, Instant end, Duration step) {
            Duration gap = step.plus(step.dividedBy(2));
            Instant last = seen.last();
            Instant since = last;
            for (Instant earlier : seen.headSet(last, false).descendingSet()) {
                if (Duration.between(earlier, since).compareTo(gap) > 0) {
                    break;
                }
                since = earlier;
            }
            boolean untilEnd = last.isAfter(end.minus(step));
            boolean fromStart = since.isBefore(windowStart.plus(step));
            long samples = seen.subSet(windowStart, true, end, true).size();
            Duration window = Duration.between(windowStart, end);
            Duration seenInWindow = step.multipliedBy(samples);
            return new Presence(version, since, last, untilEnd, untilEnd && fromStart, seenInWindow.compareTo(window) > 0 ? window : seenInWindow);
        }

        boolean sinceBeforeLookback(Instant queryStart, Duration step) {
            return since.isBefore(queryStart.plus(step));
        }

        String describe(String span) {
            return version + " for " + Durations.format(seenInWindow) + " of " + span
                    + (untilEnd ? ", continuously since " + since : ", last seen " + last);
        }
    }

    /** Version names compared piecewise, runs of digits as numbers: 1.10.0 comes after 1.9.2. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] y = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit)
                    ? new BigInteger(x[i]).compareTo(new BigInteger(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
