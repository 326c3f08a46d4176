package io.jenkins.plugins.deploytrain.baked;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** The decision over a range query's samples: present in every sample of the window, the newest of those. */
class ObservedBakedVersionTest {

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(1);

    /** The samples of one series over the two days before NOW, one a minute, where {@code present(minutesAgo)}. */
    private static ObservedBakedVersion.Series series(String version, LongPredicate present) {
        List<Instant> at = new ArrayList<>();
        for (long ago = 48 * 60; ago >= 0; ago--) {
            if (present.test(ago)) {
                at.add(NOW.minus(Duration.ofMinutes(ago)));
            }
        }
        return new ObservedBakedVersion.Series(version, at);
    }

    /** Two days of a primary: 1.1.0 throughout, 1.1.1 since 40h but away for 15 minutes 10h ago, 1.2.0 deployed 20h ago. */
    private static List<ObservedBakedVersion.Series> twoDays() {
        return List.of(
                series("1.1.0", ago -> true),
                series("1.1.1", ago -> ago <= 40 * 60 && !(ago <= 10 * 60 && ago > 10 * 60 - 15)),
                series("1.2.0", ago -> ago <= 20 * 60));
    }

    private static BakedVersion.Selection select(List<ObservedBakedVersion.Series> series, Duration window) {
        return ObservedBakedVersion.select(series, window, NOW, STEP, "the primary (prod)", "Prometheus build_info");
    }

    @Test
    void theNewestVersionPresentThroughoutTheWindowIsBakedAFlappingOneIsNot() {
        BakedVersion.Selection day = select(twoDays(), Duration.ofHours(24));
        assertThat(day.version()).contains("1.1.0");
        assertThat(day.why()).isEqualTo("version 1.1.0 was present in every sample of the last 1d in the primary (prod) (continuously since "
                + NOW.minus(Duration.ofHours(48)) + " or earlier, per Prometheus build_info)");

        BakedVersion.Selection halfDay = select(twoDays(), Duration.ofHours(12));
        assertThat(halfDay.version()).contains("1.2.0");
        assertThat(halfDay.why()).contains("continuously since " + NOW.minus(Duration.ofHours(20)) + ",");

        // 1.1.1 would be the newest for 9h, had it not gone away 10h ago
        assertThat(select(twoDays(), Duration.ofHours(9)).version()).contains("1.1.1");
        assertThat(select(twoDays(), Duration.ofHours(11)).version()).contains("1.2.0");
    }

    @Test
    void oneMissingSampleRestartsTheBake() {
        var flapped = List.of(series("2.0.0", ago -> ago != 30));
        assertThat(select(flapped, Duration.ofHours(1)).version()).isEmpty();
        assertThat(select(flapped, Duration.ofMinutes(29)).version()).contains("2.0.0");
        var lateLastSample = List.of(series("2.0.0", ago -> ago != 0));
        assertThat(select(lateLastSample, Duration.ofHours(1)).version()).as("gone at the last sample: not running now").isEmpty();
    }

    @Test
    void whenNoneQualifiesItSaysWhichVersionsItSawAndForHowLong() {
        var series = List.of(
                series("1.2.0", ago -> ago <= 20 * 60),
                series("1.1.0", ago -> ago > 20 * 60),
                series("1.0.0", ago -> ago > 30 * 60));
        BakedVersion.Selection none = select(series, Duration.ofHours(24));
        assertThat(none.version()).isEmpty();
        assertThat(none.why()).isEqualTo("no version was present in every sample of the last 1d in the primary (prod) (per Prometheus build_info); "
                + "seen: 1.2.0 for 20h1m of 1d, continuously since " + NOW.minus(Duration.ofHours(20))
                + "; 1.1.0 for 4h of 1d, last seen " + NOW.minus(Duration.ofHours(20)).minus(STEP));
    }

    @Test
    void nothingSeenAtAllIsSaidSo() {
        assertThat(select(List.of(), Duration.ofHours(1)).why())
                .isEqualTo("no version was seen in the primary (prod) in the last 1h (per Prometheus build_info: no series with a 'version' label)");
        assertThat(select(List.of(series("0.9.0", ago -> ago > 120)), Duration.ofHours(1)).version()).isEmpty();
    }

    @Test
    void versionsPresentSinceBeforeTheLookbackAreOrderedByTheirNumbers() {
        var both = List.of(series("1.9.2", ago -> true), series("1.10.0", ago -> true), series("1.10.0-rc1", ago -> true));
        assertThat(select(both, Duration.ofHours(24)).version()).contains("1.10.0-rc1");
        assertThat(ObservedBakedVersion.compareVersions("1.10.0", "1.9.2")).isPositive();
        assertThat(ObservedBakedVersion.compareVersions("v2", "v10")).isNegative();
        assertThat(ObservedBakedVersion.compareVersions("abc", "abc")).isZero();
    }

    @Test
    void severalSeriesOfOneVersionCountAsOnePresence() {
        // two instances, each restarted once: together 3.0.0 never left
        var instances = List.of(series("3.0.0", ago -> ago % 200 < 150), series("3.0.0", ago -> ago % 200 >= 100));
        assertThat(select(instances, Duration.ofHours(24)).version()).contains("3.0.0");
    }

    @Test
    void theStepIsNoCoarserThanAHundredthOfTheWindowAndFitsPrometheusPointLimit() {
        assertThat(ObservedBakedVersion.step(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(1));
        assertThat(ObservedBakedVersion.step(Duration.ofMinutes(30))).isEqualTo(Duration.ofSeconds(18));
        assertThat(ObservedBakedVersion.step(Duration.ofDays(30))).isEqualTo(Duration.ofSeconds(519));
        for (Duration w : List.of(Duration.ofSeconds(50), Duration.ofHours(1), Duration.ofHours(12), Duration.ofDays(7), Duration.ofDays(90))) {
            Duration step = ObservedBakedVersion.step(w);
            // whole seconds: a window under 100s is sampled every second
            Duration hundredth = w.dividedBy(100).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : w.dividedBy(100);
            assertThat(step).isPositive().isLessThanOrEqualTo(hundredth);
            assertThat(ObservedBakedVersion.lookback(w).dividedBy(step)).isLessThanOrEqualTo(ObservedBakedVersion.MAX_POINTS);
        }
    }
}
