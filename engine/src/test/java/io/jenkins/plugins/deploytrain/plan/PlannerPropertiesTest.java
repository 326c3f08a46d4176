package io.jenkins.plugins.deploytrain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import io.jenkins.plugins.deploytrain.window.DailyHours;
import io.jenkins.plugins.deploytrain.window.Freeze;
import io.jenkins.plugins.deploytrain.window.Window;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Planner invariants on random fleets, windows, freezes and trains. */
class PlannerPropertiesTest {

    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Sydney"), ZoneOffset.UTC);
    static final List<String> WINDOW_NAMES = List.of("w0", "w1", "w2", "w3");

    record Scenario(Fleet fleet, TrainSpec spec, Instant start) {}

    @Property(tries = 150)
    void plannedTrainsKeepEveryInvariant(@ForAll("scenarios") Scenario s) {
        TrainSchedule schedule;
        try {
            schedule = Planner.schedule(s.fleet(), s.spec(), s.start());
        } catch (PlanException e) {
            Statistics.label("outcome").collect("an environment never opens");
            // only when some environment truly never opens: checked by asking its calendar directly
            assertThat(e.getMessage()).startsWith("environment '");
            String env = e.getMessage().substring("environment '".length(), e.getMessage().indexOf("':"));
            assertThat(new TrainCalendar(s.fleet(), s.spec()).calendar(env)
                    .earliestStart(s.start(), s.spec().zoneDeployEstimate(), Duration.ofDays(800))
                    .map(t -> t.isAfter(s.start().plus(Duration.ofDays(400))))).isNotEqualTo(Optional.of(false));
            return;
        }
        Statistics.label("outcome").collect("planned");
        List<ScheduledStep> steps = schedule.steps();
        assertThat(steps).hasSize(s.fleet().zoneCount());

        // staging before shadow before primary before the others
        List<Integer> ranks = steps.stream().map(st -> rank(st.step().tier())).toList();
        assertThat(ranks).isSorted();

        for (int i = 0; i < steps.size(); i++) {
            ScheduledStep st = steps.get(i);
            assertThat(st.start()).isAfterOrEqualTo(s.start());
            assertThat(st.end()).isEqualTo(st.start().plus(s.spec().zoneDeployEstimate()));
            if (i > 0) {
                ScheduledStep previous = steps.get(i - 1);
                // never two at once, soaks and the bake respected
                assertThat(st.start()).isAfterOrEqualTo(previous.end().plus(previous.step().soakAfter()));
                assertThat(st.start()).isAfterOrEqualTo(previous.end().plus(previous.step().bakeAfter()));
                if (previous.step().tier() == Tier.PRIMARY && st.step().tier() != Tier.PRIMARY) {
                    assertThat(st.start()).isAfterOrEqualTo(previous.end().plus(s.spec().bake()));
                }
            }
            assertOpenThroughout(s, st);
        }

        // the zones of an environment are consecutive and in the environment's order
        Map<String, List<String>> zonesSeen = new LinkedHashMap<>();
        String current = null;
        for (ScheduledStep st : steps) {
            String env = st.step().target().environment();
            if (!env.equals(current)) {
                assertThat(zonesSeen).doesNotContainKey(env);
                current = env;
            }
            zonesSeen.computeIfAbsent(env, k -> new ArrayList<>()).add(st.step().target().zone());
        }
        zonesSeen.forEach((env, zones) -> assertThat(zones).isEqualTo(s.fleet().environment(env).orElseThrow().zones()));
        assertThat(schedule.eta()).isAfterOrEqualTo(steps.get(steps.size() - 1).end());
    }

    private static int rank(Tier tier) {
        return switch (tier) {
            case STAGING -> 0;
            case SHADOW -> 1;
            case PRIMARY -> 2;
            case PRODUCTION, DEDICATED -> 3;
        };
    }

    /** Minute by minute, with only the definitions: inside an allowed window, outside everything closed. */
    private static void assertOpenThroughout(Scenario s, ScheduledStep st) {
        Environment env = s.fleet().environment(st.step().target().environment()).orElseThrow();
        for (Instant t = st.start(); t.isBefore(st.end()); t = t.plus(1, ChronoUnit.MINUTES)) {
            Instant now = t;
            List<Window> allowed = env.allowed().stream().map(n -> s.fleet().windows().get(n)).toList();
            List<Window> trainAllowed = s.spec().allowed().stream().map(n -> s.fleet().windows().get(n)).toList();
            assertThat(allowed.isEmpty() || allowed.stream().anyMatch(w -> inside(w, now))).as("allowed at %s: %s", now, st).isTrue();
            assertThat(trainAllowed.isEmpty() || trainAllowed.stream().anyMatch(w -> inside(w, now))).as("train window at %s", now).isTrue();
            assertThat(env.blackouts().stream().map(n -> s.fleet().windows().get(n)).noneMatch(w -> inside(w, now)))
                    .as("blackout at %s: %s", now, st).isTrue();
            assertThat(s.fleet().freezes().stream().noneMatch(f -> f.interval().contains(now))).as("freeze at %s", now).isTrue();
            List<ZoneId> holidayZones = allowed.isEmpty() && trainAllowed.isEmpty()
                    ? List.of(s.fleet().timezone())
                    : java.util.stream.Stream.concat(allowed.stream(), trainAllowed.stream()).map(Window::zone).toList();
            assertThat(holidayZones.stream().noneMatch(z -> s.fleet().holidays().contains(LocalDate.ofInstant(now, z))))
                    .as("holiday at %s", now).isTrue();
        }
    }

    private static boolean inside(Window w, Instant t) {
        LocalDate today = LocalDate.ofInstant(t, w.zone());
        return List.of(today, today.minusDays(1)).stream()
                .anyMatch(date -> w.days().contains(date.getDayOfWeek()) && w.opening(date).contains(t));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Map<String, Window>> windows = window().list().ofSize(WINDOW_NAMES.size()).map(list -> {
            Map<String, Window> named = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                Window w = list.get(i);
                named.put(WINDOW_NAMES.get(i), new Window(WINDOW_NAMES.get(i), w.zone(), w.days(), w.hours()));
            }
            return named;
        });
        Arbitrary<List<Environment>> environments = environment().list().ofMinSize(1).ofMaxSize(10).map(PlannerPropertiesTest::uniqueWithOnePrimary);
        Arbitrary<Instant> start = Arbitraries.integers().between(0, 365 * 24 * 4)
                .map(q -> Instant.parse("2026-06-01T00:00:00Z").plus(q * 15L, ChronoUnit.MINUTES));
        Arbitrary<List<LocalDate>> holidays = Arbitraries.integers().between(0, 400)
                .map(d -> LocalDate.of(2026, 6, 1).plusDays(d)).list().ofMaxSize(5);
        Arbitrary<List<Freeze>> freezes = Combinators.combine(Arbitraries.integers().between(0, 400), Arbitraries.integers().between(1, 20 * 24),
                        Arbitraries.of(ZONES))
                .as((day, hours, zone) -> new Freeze(LocalDateTime.of(2026, 6, 1, 0, 0).plusDays(day),
                        LocalDateTime.of(2026, 6, 1, 0, 0).plusDays(day).plusHours(hours), zone, "f"))
                .list().ofMaxSize(2);
        Arbitrary<Fleet> fleet = Combinators.combine(windows, holidays, freezes, Arbitraries.of(ZONES), environments)
                .as(Fleet::new);
        return Combinators.combine(fleet, train(), start).as(Scenario::new);
    }

    private Arbitrary<TrainSpec> train() {
        Arbitrary<Duration> minutes = Arbitraries.integers().between(0, 180).map(Duration::ofMinutes);
        Arbitrary<Duration> estimate = Arbitraries.integers().between(5, 120).map(Duration::ofMinutes);
        Arbitrary<Duration> bake = Arbitraries.integers().between(0, 24).map(Duration::ofHours);
        Arbitrary<List<String>> allowed = Arbitraries.of(WINDOW_NAMES).list().ofMaxSize(1);
        return Combinators.combine(minutes, minutes, estimate, bake, allowed, Arbitraries.of(EnvironmentSort.class))
                .as((zoneSoak, envSoak, est, b, al, sort) -> new TrainSpec("svc", Optional.of("1"), Optional.empty(), "", al, b,
                        zoneSoak, envSoak, est, List.of(), sort, Selection.ALL, Map.of()));
    }

    private Arbitrary<Window> window() {
        Arbitrary<Set<DayOfWeek>> days = Arbitraries.of(DayOfWeek.class).set().ofMinSize(1).map(EnumSet::copyOf);
        Arbitrary<Integer> start = Arbitraries.integers().between(0, 95).map(q -> q * 15);
        Arbitrary<Integer> length = Arbitraries.integers().between(8, 95).map(q -> q * 15);
        return Combinators.combine(Arbitraries.of(ZONES), days, start, length).as((z, ds, s, l) -> new Window("w", z, ds,
                new DailyHours(LocalTime.MIDNIGHT.plusMinutes(s), LocalTime.MIDNIGHT.plusMinutes((s + l) % (24 * 60)))));
    }

    private Arbitrary<Environment> environment() {
        Arbitrary<List<String>> windowRefs = Arbitraries.of(WINDOW_NAMES).list().ofMaxSize(2).uniqueElements();
        return Builders.withBuilder(() -> new Object[8])
                .use(Arbitraries.strings().withCharRange('a', 'z').ofLength(6)).in((b, v) -> set(b, 0, v))
                .use(Arbitraries.of("aws", "gcp", "azure")).in((b, v) -> set(b, 1, v))
                .use(Arbitraries.integers().between(1, 3)).in((b, v) -> set(b, 3, v))
                .use(Arbitraries.of(Tier.class)).in((b, v) -> set(b, 4, v))
                .use(windowRefs).in((b, v) -> set(b, 5, v))
                .use(Arbitraries.of(WINDOW_NAMES).list().ofMaxSize(1)).in((b, v) -> set(b, 6, v))
                .build(b -> {
                    @SuppressWarnings("unchecked")
                    List<String> allowed = (List<String>) b[5];
                    @SuppressWarnings("unchecked")
                    List<String> blackouts = (List<String>) b[6];
                    List<String> zones = new ArrayList<>();
                    for (int z = 0; z < (Integer) b[3]; z++) {
                        zones.add("zone-" + (char) ('a' + z));
                    }
                    return new Environment((String) b[0], (String) b[1], "region-1", zones, (Tier) b[4], allowed, blackouts, Map.of());
                });
    }

    private static Object[] set(Object[] b, int i, Object v) {
        b[i] = v;
        return b;
    }

    private static List<Environment> uniqueWithOnePrimary(List<Environment> envs) {
        List<Environment> out = new ArrayList<>();
        boolean primary = false;
        for (int i = 0; i < envs.size(); i++) {
            Environment e = envs.get(i);
            Tier tier = e.tier() == Tier.PRIMARY && primary ? Tier.PRODUCTION : e.tier();
            primary |= tier == Tier.PRIMARY;
            out.add(new Environment(e.name() + "-" + i, e.provider(), e.region(), e.zones(), tier, e.allowed(), e.blackouts(), e.labels()));
        }
        return out;
    }
}
