package io.jenkins.plugins.deploytrain.baked;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.gate.MonitoringEndpoints;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import io.jenkins.plugins.deploytrain.testing.BackfilledPrometheus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code versionFrom} against a real Prometheus 2.42 holding two days of {@code build_info} history, backfilled with
 * promtool. In the primary (prod-aws-us-east-1): 1.1.0 throughout; 1.1.1 from 40h ago, but rolled back for 15 minutes
 * 10h ago (a flap); 1.2.0 deployed 20h ago. In prod-aws-us-east-2: only 1.2.0, deployed 20h ago.
 */
class BakedVersionFromPrometheusIT {

    private static final Fleet FLEET = FleetLoader.load(Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("fleet.yaml"));
    private static final String PRIMARY = "prod-aws-us-east-1";
    private static final String SECONDARY = "prod-aws-us-east-2";

    @RegisterExtension
    static final BackfilledPrometheus PROMETHEUS = new BackfilledPrometheus(BakedVersionFromPrometheusIT::history);

    /** One sample a minute for two days, for every minute {@code minutesAgo} at which the version ran. */
    private static String history(Instant now) {
        StringBuilder out = new StringBuilder("# HELP build_info The running build.\n# TYPE build_info gauge\n");
        series(out, now, PRIMARY, "1.1.0", ago -> true);
        series(out, now, PRIMARY, "1.1.1", ago -> ago <= 40 * 60 && !(ago <= 10 * 60 && ago > 10 * 60 - 15));
        series(out, now, PRIMARY, "1.2.0", ago -> ago <= 20 * 60);
        series(out, now, SECONDARY, "1.2.0", ago -> ago <= 20 * 60);
        return out.append("# EOF\n").toString();
    }

    private static void series(StringBuilder out, Instant now, String environment, String version, LongPredicate ranAt) {
        for (long ago = 48 * 60; ago >= 0; ago--) {
            if (ranAt.test(ago)) {
                out.append("build_info{service=\"payments-api\",environment=\"").append(environment).append("\",version=\"").append(version)
                        .append("\"} 1 ").append(now.minusSeconds(ago * 60).getEpochSecond()).append('\n');
            }
        }
    }

    private static BakedVersion.Selection baked(String versionFrom) {
        TrainSpec train = TrainSpecLoader.parse("service: payments-api\nversionFrom: " + versionFrom + "\n", "train.yaml", Optional.of(FLEET));
        MonitoringEndpoints endpoints = new MonitoringEndpoints(Optional.of(PROMETHEUS.uri()), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10));
        return BakedVersionSource.select(Ledger.empty("payments-api"), train.versionFrom().orElseThrow(), train.service(), FLEET, endpoints,
                PROMETHEUS.now());
    }

    private static final String QUERY = "prometheus: 'build_info{service=\"payments-api\", environment=\"${environment}\"}'";

    @Test
    void bakedForADayPicksTheVersionThatRanThroughoutNotTheNewerOneThatFlapped() {
        BakedVersion.Selection day = baked("{bakedFor: 24h, " + QUERY + "}");
        assertThat(day.version()).contains("1.1.0");
        assertThat(day.why()).startsWith("version 1.1.0 was present in every sample of the last 1d in the primary (" + PRIMARY + ")");
    }

    @Test
    void bakedForHalfADayPicksTheVersionDeployed20HoursAgo() {
        BakedVersion.Selection halfDay = baked("{bakedFor: 12h, " + QUERY + "}");
        assertThat(halfDay.version()).contains("1.2.0");
        assertThat(halfDay.why()).contains("continuously since " + PROMETHEUS.now().minus(Duration.ofHours(20)) + ",");
    }

    @Test
    void theFlappedVersionIsTheNewestOnlyForAWindowAfterItCameBack() {
        assertThat(baked("{bakedFor: 9h, " + QUERY + "}").version()).contains("1.1.1");
        assertThat(baked("{bakedFor: 11h, " + QUERY + "}").version()).contains("1.2.0");
    }

    @Test
    void whenNothingBakedLongEnoughTheTrainIsToldWhatRanAndForHowLong() {
        BakedVersion.Selection none = baked("{environment: " + SECONDARY + ", bakedFor: 24h, " + QUERY + "}");
        assertThat(none.version()).isEmpty();
        assertThat(none.why()).startsWith("no version was present in every sample of the last 1d in environment " + SECONDARY)
                .contains("seen: 1.2.0 for 20h1m of 1d, continuously since " + PROMETHEUS.now().minus(Duration.ofHours(20)));
    }
}
