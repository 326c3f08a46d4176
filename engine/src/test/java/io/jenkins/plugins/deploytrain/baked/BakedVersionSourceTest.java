package io.jenkins.plugins.deploytrain.baked;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.config.Location;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.gate.MonitoringEndpoints;
import io.jenkins.plugins.deploytrain.gate.MonitoringRequirements;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.plan.BakedQuery;
import io.jenkins.plugins.deploytrain.plan.VersionSelector;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import io.jenkins.plugins.deploytrain.testing.BuildInfoAnswers;
import io.jenkins.plugins.deploytrain.testing.BuildInfoAnswers.Presence;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The baked version read over HTTP, against Prometheus' and Datadog's recorded answer shapes served locally. */
class BakedVersionSourceTest {

    private static final Fleet FLEET = FleetLoader.load(Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("fleet.yaml"));
    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    private static final Location WHERE = new Location("train.yaml", 4, 15);
    private static final Secret API_KEY = new Secret("dd-api-key-0123456789");
    private static final Secret APP_KEY = new Secret("dd-app-key-9876543210");
    private static final String PROMQL = "build_info{service=\"payments-api\", environment=\"${environment}\"}";
    private static final String DATADOG = "avg:build.info{service:payments-api,env:${environment}} by {version}";

    private ReplayServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private MonitoringEndpoints prometheus() {
        return new MonitoringEndpoints(Optional.of(server.uri()), Optional.empty(), Optional.empty(), Duration.ofSeconds(5));
    }

    private MonitoringEndpoints datadog() {
        return new MonitoringEndpoints(Optional.empty(), Optional.empty(),
                Optional.of(new MonitoringEndpoints.Datadog(server.uri(), API_KEY, APP_KEY)), Duration.ofSeconds(5));
    }

    private static VersionSelector selector(BakedQuery.System system, String template, Duration bakedFor) {
        return new VersionSelector(Optional.empty(), bakedFor, Optional.of(new BakedQuery(system, template, WHERE)));
    }

    private static BakedVersion.Selection select(VersionSelector selector, MonitoringEndpoints endpoints) {
        return BakedVersionSource.select(Ledger.empty("payments-api"), selector, "payments-api", FLEET, endpoints, NOW);
    }

    /** 1.1.0 for two days, 1.2.0 since 20h ago. */
    private static List<Presence> primary() {
        return List.of(new Presence("1.1.0", NOW.minus(Duration.ofHours(48)), NOW),
                new Presence("1.2.0", NOW.minus(Duration.ofHours(20)), NOW));
    }

    @Test
    void prometheusIsAskedForTwiceTheWindowAtAStepOfAMinuteAboutThePrimary() throws Exception {
        server.on("POST", "/api/v1/query_range",
                Reply.ok(BuildInfoAnswers.prometheus("payments-api", "prod-aws-us-east-1", Duration.ofMinutes(1), primary())));

        BakedVersion.Selection day = select(selector(BakedQuery.System.PROMETHEUS, PROMQL, Duration.ofHours(24)), prometheus());
        assertThat(day.version()).contains("1.1.0");
        assertThat(day.why()).startsWith("version 1.1.0 was present in every sample of the last 1d in the primary (prod-aws-us-east-1)")
                .endsWith("per Prometheus build_info{service=\"payments-api\", environment=\"prod-aws-us-east-1\"})");
        Map<String, String> form = ReplayServer.form(server.requests("POST", "/api/v1/query_range").get(0));
        assertThat(form).containsEntry("query", "build_info{service=\"payments-api\", environment=\"prod-aws-us-east-1\"}")
                .containsEntry("start", (NOW.getEpochSecond() - 48 * 3600) + ".000")
                .containsEntry("end", NOW.getEpochSecond() + ".000")
                .containsEntry("step", "60");

        assertThat(select(selector(BakedQuery.System.PROMETHEUS, PROMQL, Duration.ofHours(12)), prometheus()).version()).contains("1.2.0");
    }

    @Test
    void aNamedEnvironmentsVariablesAreEscapedForTheLabelValue() throws Exception {
        server.on("POST", "/api/v1/query_range", Reply.ok(BuildInfoAnswers.prometheus("payments-api", "x", Duration.ofMinutes(1), primary())));
        var selector = new VersionSelector(Optional.of("prod-aws-us-east-2"), Duration.ofHours(1), Optional.of(new BakedQuery(
                BakedQuery.System.PROMETHEUS, "build_info{environment=~\"${environment}\", region='${TRAIN_REGION}'}", WHERE)));
        assertThat(select(selector, prometheus()).why()).contains(" in environment prod-aws-us-east-2 ");
        assertThat(ReplayServer.form(server.requests().get(0)).get("query"))
                .isEqualTo("build_info{environment=~\"prod-aws-us-east-2\", region='us-east-2'}");
    }

    @Test
    void whenNothingBakedItSaysWhatItSawAndAPrometheusErrorIsAReasonNeverAVersion() throws Exception {
        server.on("POST", "/api/v1/query_range", Reply.ok(BuildInfoAnswers.prometheus("payments-api", "prod-aws-us-east-1",
                Duration.ofMinutes(1), List.of(new Presence("1.2.0", NOW.minus(Duration.ofHours(20)), NOW)))));
        BakedVersion.Selection none = select(selector(BakedQuery.System.PROMETHEUS, PROMQL, Duration.ofHours(24)), prometheus());
        assertThat(none.version()).isEmpty();
        assertThat(none.why()).contains("no version was present in every sample of the last 1d in the primary (prod-aws-us-east-1)")
                .contains("seen: 1.2.0 for 20h1m of 1d, continuously since " + NOW.minus(Duration.ofHours(20)));

        server.on("POST", "/api/v1/query_range", Reply.json(400, BuildInfoAnswers.prometheusError()));
        assertThat(select(selector(BakedQuery.System.PROMETHEUS, PROMQL, Duration.ofHours(24)), prometheus()).why())
                .isEqualTo("could not read the baked version from Prometheus (train.yaml:4:15 versionFrom.prometheus): Prometheus rejected the "
                        + "request (bad_data): invalid parameter \"query\": 1:21: parse error: unexpected end of input");

        var down = new MonitoringEndpoints(Optional.of(URI.create("http://127.0.0.1:1")), Optional.empty(), Optional.empty(), Duration.ofSeconds(2));
        BakedVersion.Selection unreachable = select(selector(BakedQuery.System.PROMETHEUS, PROMQL, Duration.ofHours(24)), down);
        assertThat(unreachable.version()).isEmpty();
        assertThat(unreachable.why()).startsWith("could not read the baked version from Prometheus").contains("is unreachable");
    }

    @Test
    void seriesWithoutAVersionLabelAreSaidSo() throws Exception {
        String answer = BuildInfoAnswers.prometheus("payments-api", "prod-aws-us-east-1", Duration.ofMinutes(1), primary())
                .replace("\"version\":", "\"release\":");
        server.on("POST", "/api/v1/query_range", Reply.ok(answer));
        assertThat(select(selector(BakedQuery.System.PROMETHEUS, PROMQL, Duration.ofHours(24)), prometheus()).why())
                .contains("the 2 series of build_info{").contains("carry no 'version' label");
    }

    @Test
    void datadogIsAskedWithARollupWithinAHundredthOfTheWindowAndItsKeysOnlyInHeaders() throws Exception {
        String sent = "avg:build.info{service:payments-api,env:prod-aws-us-east-1} by {version}.rollup(avg, 60)";
        List<Presence> flapped = List.of(new Presence("1.1.0", NOW.minus(Duration.ofHours(48)), NOW),
                new Presence("1.2.0", NOW.minus(Duration.ofHours(20)), NOW.minus(Duration.ofHours(3))),
                new Presence("1.2.0", NOW.minus(Duration.ofHours(2)), NOW));
        server.on("GET", "/api/v1/query", Reply.ok(BuildInfoAnswers.datadog(sent, NOW.minus(Duration.ofHours(48)), NOW, Duration.ofMinutes(1),
                flapped)));
        BakedVersion.Selection day = select(selector(BakedQuery.System.DATADOG, DATADOG, Duration.ofHours(24)), datadog());
        assertThat(day.version()).contains("1.1.0");
        assertThat(day.why()).endsWith("per Datadog " + sent + ")");
        // 1.2.0 ran the last 12h but for an hour 3h ago: not baked
        BakedVersion.Selection halfDay = select(selector(BakedQuery.System.DATADOG, DATADOG, Duration.ofHours(12)), datadog());
        assertThat(halfDay.version()).contains("1.1.0");
        ReplayServer.Recorded request = server.requests("GET", "/api/v1/query").get(0);
        Map<String, String> query = Arrays.stream(request.query().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query).containsEntry("query", sent)
                .containsEntry("from", String.valueOf(NOW.getEpochSecond() - 48 * 3600))
                .containsEntry("to", String.valueOf(NOW.getEpochSecond()));
        assertThat(request.header("DD-API-KEY")).isEqualTo(API_KEY.reveal());
        assertThat(request.query()).doesNotContain(API_KEY.reveal()).doesNotContain(APP_KEY.reveal());
    }

    @Test
    void datadogsNullPointsAreAbsencesSoAVersionThatWentAwayHasNotBaked() throws Exception {
        String sent = "avg:build.info{service:payments-api,env:prod-aws-us-east-1} by {version}.rollup(avg, 60)";
        // 1.2.0 came 2h ago: its series' points before are nulls
        String answer = BuildInfoAnswers.datadog(sent, NOW.minus(Duration.ofHours(24)), NOW, Duration.ofMinutes(1),
                List.of(new Presence("1.2.0", NOW.minus(Duration.ofHours(2)), NOW)));
        server.on("GET", "/api/v1/query", Reply.ok(answer));
        BakedVersion.Selection underTwoHours = select(selector(BakedQuery.System.DATADOG, DATADOG, Duration.ofMinutes(100)), datadog());
        assertThat(underTwoHours.version()).contains("1.2.0");
        BakedVersion.Selection threeHours = select(selector(BakedQuery.System.DATADOG, DATADOG, Duration.ofHours(3)), datadog());
        assertThat(threeHours.version()).isEmpty();
        assertThat(threeHours.why()).contains("seen: 1.2.0 for 2h1m of 3h, continuously since " + NOW.minus(Duration.ofHours(2)));
    }

    @Test
    void datadogAnsweringCoarserThanAHundredthOfTheWindowIsAReason() throws Exception {
        String sent = "avg:build.info{service:payments-api,env:prod-aws-us-east-1} by {version}.rollup(avg, 60)";
        server.on("GET", "/api/v1/query", Reply.ok(BuildInfoAnswers.datadog(sent, NOW.minus(Duration.ofHours(48)), NOW, Duration.ofHours(1),
                primary())));
        assertThat(select(selector(BakedQuery.System.DATADOG, DATADOG, Duration.ofHours(24)), datadog()).why())
                .endsWith("at a 1h interval, coarser than the 1d window / 100: give the query a finer .rollup()");
    }

    @Test
    void aQueryForASystemNotGivenIsAnErrorAtItsLine() {
        var selector = selector(BakedQuery.System.PROMETHEUS, PROMQL, Duration.ofHours(24));
        assertThat(BakedVersionSource.unmet(selector, MonitoringEndpoints.none(), s -> "give --" + s.label().toLowerCase() + " URL"))
                .contains("train.yaml:4:15: versionFrom.prometheus: the baked version is read from Prometheus ('" + PROMQL
                        + "'), which is not configured: give --prometheus URL");
        assertThat(BakedVersionSource.unmet(selector, prometheus(), s -> "")).isEmpty();
        assertThat(BakedVersionSource.unmet(selector(BakedQuery.System.DATADOG, DATADOG, Duration.ofHours(1)), prometheus(),
                s -> s == MonitoringRequirements.System.DATADOG ? "set it up" : "?")).get().asString().endsWith("not configured: set it up");
        assertThat(BakedVersionSource.unmet(new VersionSelector(Optional.empty(), Duration.ofHours(1)), MonitoringEndpoints.none(), s -> ""))
                .isEmpty();
        assertThat(select(selector, MonitoringEndpoints.none()).why()).endsWith("): Prometheus is not configured");
    }

    @Test
    void withoutAQueryTheLedgerDecides() {
        var ledgerOnly = new VersionSelector(Optional.empty(), Duration.ofHours(24));
        assertThat(select(ledgerOnly, prometheus()))
                .isEqualTo(BakedVersion.select(Ledger.empty("payments-api"), Optional.empty(), Duration.ofHours(24), NOW));
        assertThat(server.requests()).isEmpty();
    }
}
