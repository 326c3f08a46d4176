package io.jenkins.plugins.deploytrain.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The edge-jumping search against a minute-by-minute oracle that only knows what "inside a window"
 * means. Window edges and offsets are whole minutes, so the oracle is exact.
 */
class DeployCalendarPropertiesTest {

    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Sydney"), ZoneId.of("UTC"));
    static final Duration HORIZON = Duration.ofDays(9);
    // around the 2027 spring-forward in New York and Europe, so DST days are exercised often
    static final Instant BASE = Instant.parse("2027-03-10T00:00:00Z");

    @Property(tries = 200)
    void earliestStartIsTheFirstFullyOpenSpan(
            @ForAll @Size(max = 2) List<@From("windows") Window> allowed,
            @ForAll @Size(max = 2) List<@From("windows") Window> blackouts,
            @ForAll @IntRange(min = 0, max = 30 * 24 * 60) int startMinute,
            @ForAll @IntRange(min = 1, max = 240) int durationMinutes) {
        DeployCalendar calendar = new DeployCalendar(List.of(allowed), blackouts, List.of(), ZoneId.of("UTC"), List.of());
        Instant notBefore = BASE.plus(startMinute, ChronoUnit.MINUTES);
        Duration d = Duration.ofMinutes(durationMinutes);

        Optional<Instant> found = calendar.earliestStart(notBefore, d, HORIZON);

        assertThat(found).isEqualTo(oracle(allowed, blackouts, notBefore, durationMinutes));
    }

    private static Optional<Instant> oracle(List<Window> allowed, List<Window> blackouts, Instant from, int d) {
        int minutes = (int) HORIZON.toMinutes() + d;
        int run = 0;
        for (int m = 0; m < minutes; m++) {
            Instant t = from.plus(m, ChronoUnit.MINUTES);
            boolean open = (allowed.isEmpty() || allowed.stream().anyMatch(w -> inside(w, t)))
                    && blackouts.stream().noneMatch(w -> inside(w, t));
            run = open ? run + 1 : 0;
            if (run == d) {
                return Optional.of(t.minus(d - 1, ChronoUnit.MINUTES));
            }
        }
        return Optional.empty();
    }

    private static boolean inside(Window w, Instant t) {
        LocalDate today = LocalDate.ofInstant(t, w.zone());
        return List.of(today, today.minusDays(1)).stream()
                .anyMatch(date -> w.days().contains(date.getDayOfWeek()) && w.opening(date).contains(t));
    }

    @Provide
    Arbitrary<Window> windows() {
        Arbitrary<ZoneId> zone = Arbitraries.of(ZONES);
        Arbitrary<Set<DayOfWeek>> days = Arbitraries.of(DayOfWeek.class).set().ofMinSize(1).map(EnumSet::copyOf);
        Arbitrary<Integer> start = Arbitraries.integers().between(0, 47).map(h -> h * 30);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 47).map(h -> h * 30);
        return Combinators.combine(zone, days, start, length).as((z, ds, s, l) -> new Window("w", z, ds,
                new DailyHours(LocalTime.MIDNIGHT.plusMinutes(s), LocalTime.MIDNIGHT.plusMinutes((s + l) % (24 * 60)))));
    }
}
