package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.ui.UiAssets;
import io.jenkins.plugins.deploytrain.ui.ViewModel;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's view server over real HTTP, on a ledger left by a real run whose first deploy failed. */
class LedgerServerTest {
    private static final String TRAIN = "crash-svc-2.0.0-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private FileLedgerStore waitingTrain() throws Exception {
        CrashFixture f = new CrashFixture(dir, 2, "2.0.0", 0, true);
        int exit = DeployTrainCommand.commandLine().execute(runArgs(f).toArray(String[]::new));
        assertThat(exit).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        return new FileLedgerStore(dir.resolve("state"));
    }

    /** A real run whose first target's gate failed (its Prometheus does not answer): paused, proceed is a choice. */
    private FileLedgerStore gatePausedTrain() throws Exception {
        CrashFixture f = new CrashFixture(dir, 2, "2.0.0", 0);
        Files.writeString(f.train, Files.readString(f.train) + """
                gates:
                  default:
                    - name: error-ratio
                      prometheus:
                        query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}", zone="${TRAIN_ZONE}"} > 0.05'
                """);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        List<String> args = new java.util.ArrayList<>(runArgs(f));
        args.addAll(List.of("--prometheus", "http://127.0.0.1:" + closedPort));
        int exit = DeployTrainCommand.commandLine().execute(args.toArray(String[]::new));
        assertThat(exit).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        FileLedgerStore store = new FileLedgerStore(dir.resolve("state"));
        assertThat(store.load().orElseThrow().train(TRAIN).orElseThrow().target("cell-00/a").orElseThrow().status())
                .isEqualTo(TargetStatus.PAUSED);
        return store;
    }

    private List<String> runArgs(CrashFixture f) {
        return List.of("run", "--train", f.train.toString(), "--state", dir.resolve("state").toString(), "--deploy-command",
                f.deployScript.toString(), "--time-scale", "100000", "--start", "2026-11-30T08:00:00Z", "--by", "alice");
    }

    private static LedgerServer server(FileLedgerStore store) throws Exception {
        ServedView view = new ServedView(null, Clock.systemUTC(), (target, notBefore) -> Optional.of(notBefore), new CliWorker(),
                train -> ViewModel.Plan.none());
        return new LedgerServer(0, store, view, "carol");
    }

    private HttpResponse<String> get(LedgerServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String page) {
        Matcher m = Pattern.compile("data-crumb-header=\"" + LedgerServer.TOKEN_HEADER + "\" data-crumb-value=\"([0-9a-f]{48})\"").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    @Test
    void servesThePageWithItsTokenAndTheAllowListedAssetsUnderTheCsp() throws Exception {
        try (LedgerServer server = server(waitingTrain()); LedgerServer other = server(new FileLedgerStore(dir.resolve("state")))) {
            HttpResponse<String> page = get(server, "");
            HttpResponse<String> script = get(server, "train-view.js");
            HttpResponse<String> css = get(server, "train-view.css");
            HttpResponse<String> outside = get(server, "pom.xml");
            HttpResponse<String> climbing = get(server, "..%2Fpom.xml");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).contains(UiAssets.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.body()).contains("data-state-url=\"api/view\"").contains("data-approve-url=\"api/approvals\"")
                    .contains("<script type=\"module\" src=\"train-view.js\"></script>");
            assertThat(token(page.body())).isNotEqualTo(token(get(other, "").body()));
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
            assertThat(script.body()).isEqualTo(new String(UiAssets.open("train-view.js").orElseThrow().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
            assertThat(outside.statusCode()).isEqualTo(404);
            assertThat(climbing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theViewModelShowsTheReconcilersQuestionAndAnswersAnUnchangedPollWith304() throws Exception {
        try (LedgerServer server = server(waitingTrain())) {
            HttpResponse<String> first = get(server, "api/view");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = get(server, "api/view", "If-None-Match", etag);
            HttpResponse<String> stale = get(server, "api/view", "If-None-Match", "\"0000\"");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Cache-Control")).contains("no-cache");
            JsonNode doc = JSON.readTree(first.body());
            assertThat(doc.at("/ledger-train/id").asText()).isEqualTo(TRAIN);
            assertThat(doc.at("/ledger-train/status").asText()).isEqualTo("awaiting-approval");
            assertThat(doc.at("/awaiting/target").asText()).isEqualTo("cell-00/a");
            assertThat(doc.at("/awaiting/reason").asText()).contains("deploy of cell-00/a failed");
            assertThat(JSON.convertValue(doc.at("/awaiting/choices"), List.class)).containsExactly("retry", "skip", "mark-succeeded", "abort");
            assertThat(doc.at("/viewer/mayApprove").asBoolean()).isTrue();
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(stale.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anApprovalWithTheTokenLandsInTheLedgerLikeDeployTrainApprove() throws Exception {
        FileLedgerStore store = waitingTrain();
        try (LedgerServer server = server(store)) {
            String token = token(get(server, "").body());
            String etag = get(server, "api/view").headers().firstValue("ETag").orElseThrow();
            String url = server.url() + "api/approvals";

            HttpResponse<String> accepted = post(url, "{\"train\":\"" + TRAIN + "\",\"target\":\"cell-00/a\",\"action\":\"retry\","
                    + "\"reason\":\"flaky network\"}", "Content-Type", "application/json", LedgerServer.TOKEN_HEADER, token);

            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo("recorded: carol retry cell-00/a on train " + TRAIN + "\n");
            Train train = store.load().orElseThrow().train(TRAIN).orElseThrow();
            assertThat(train.status()).isEqualTo(TrainStatus.RUNNING);
            assertThat(train.target("cell-00/a").orElseThrow().status()).isEqualTo(TargetStatus.PENDING);
            assertThat(train.approvals()).singleElement().satisfies(a -> {
                assertThat(a.by()).isEqualTo("carol");
                assertThat(a.reason()).isEqualTo("flaky network");
            });
            assertThat(train.audit()).anyMatch(a -> a.what().equals("approval:retry") && a.who().equals("carol"));
            assertThat(get(server, "api/view", "If-None-Match", etag).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPageThatSaysItsRevisionGetsOnlyWhatChangedSinceAndAnUnchangedTrainIsA304WithNoBody() throws Exception {
        FileLedgerStore store = waitingTrain();
        try (LedgerServer server = server(store)) {
            HttpResponse<String> first = get(server, "api/view");
            JsonNode whole = JSON.readTree(first.body());
            long revision = whole.get("revision").asLong();
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(revision).isEqualTo(store.load().orElseThrow().revision());
            assertThat(etag).startsWith("\"" + revision + "-");
            assertThat(whole.at("/ledger-train/targets")).hasSize(6);
            HttpResponse<String> unchanged = get(server, "api/view?since=" + revision, "If-None-Match", etag);
            assertThat(unchanged.statusCode()).isEqualTo(304);
            assertThat(unchanged.body()).isEmpty();
            assertThat(unchanged.headers().firstValue("Content-Length")).isEmpty();

            String token = token(get(server, "").body());
            post(server.url() + "api/approvals", "{\"train\":\"" + TRAIN + "\",\"target\":\"cell-00/a\",\"action\":\"retry\"}",
                    "Content-Type", "application/json", LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> changed = get(server, "api/view?since=" + revision, "If-None-Match", etag);

            assertThat(changed.statusCode()).isEqualTo(200);
            JsonNode delta = JSON.readTree(changed.body());
            assertThat(delta.get("revision").asLong()).isEqualTo(revision + 1);
            assertThat(changed.headers().firstValue("ETag").orElseThrow()).startsWith("\"" + (revision + 1) + "-");
            assertThat(delta.at("/delta/since").asLong()).isEqualTo(revision);
            assertThat(delta.at("/delta/auditFrom").asInt()).isEqualTo(whole.at("/ledger-train/audit").size());
            assertThat(delta.at("/ledger-train/targets").findValuesAsText("id")).containsExactly("cell-00/a");
            assertThat(delta.at("/ledger-train/targets/0/status").asText()).isEqualTo("pending");
            assertThat(delta.at("/ledger-train/status").asText()).isEqualTo("running");
            assertThat(delta.at("/ledger-train/audit").findValuesAsText("what")).containsExactly("approval:retry");
            assertThat(delta.get("awaiting").isNull()).isTrue();

            HttpResponse<String> unknown = get(server, "api/view?since=" + (revision + 5));
            assertThat(JSON.readTree(unknown.body()).has("delta")).isFalse();
            assertThat(JSON.readTree(unknown.body()).at("/ledger-train/targets")).hasSize(6);
            HttpResponse<String> bad = get(server, "api/view?since=yesterday");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("since must be a ledger revision (a whole number), not 'yesterday'\n");
        }
    }

    @Test
    void approvalsNeedTheTokenAndPostAndGetAOneLineReasonForBadInput() throws Exception {
        FileLedgerStore store = waitingTrain();
        Ledger before = store.load().orElseThrow();
        try (LedgerServer server = server(store)) {
            String token = token(get(server, "").body());
            String url = server.url() + "api/approvals";
            String retry = "{\"train\":\"" + TRAIN + "\",\"target\":\"cell-00/a\",\"action\":\"retry\"}";

            HttpResponse<String> noToken = post(url, retry, "Content-Type", "application/json");
            HttpResponse<String> wrongToken = post(url, retry, "Content-Type", "application/json", LedgerServer.TOKEN_HEADER, "0".repeat(48));
            HttpResponse<String> got = get(server, "api/approvals");
            HttpResponse<String> notJson = post(url, "{train:", "Content-Type", "application/json", LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> form = post(url, retry, "Content-Type", "application/x-www-form-urlencoded", LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> badAction = post(url, retry.replace("retry", "yolo"), "Content-Type", "application/json",
                    LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> unknownField = post(url, retry.replace("}", ",\"by\":\"mallory\"}"), "Content-Type", "application/json",
                    LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> doesNotFit = post(url, retry.replace("cell-00/a", "cell-01/b"), "Content-Type", "application/json",
                    LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> noTrain = post(url, retry.replace(TRAIN, "nope"), "Content-Type", "application/json",
                    LedgerServer.TOKEN_HEADER, token);

            assertThat(noToken.statusCode()).isEqualTo(403);
            assertThat(noToken.body()).contains("missing or wrong " + LedgerServer.TOKEN_HEADER);
            assertThat(wrongToken.statusCode()).isEqualTo(403);
            assertThat(got.statusCode()).isEqualTo(405);
            assertThat(got.headers().firstValue("Allow")).contains("POST");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).startsWith("the body is not JSON").hasLineCount(1);
            assertThat(form.statusCode()).isEqualTo(415);
            assertThat(badAction.statusCode()).isEqualTo(400);
            assertThat(badAction.body()).isEqualTo("action: 'yolo' is not one of proceed, retry, skip, mark-succeeded, pause, resume, abort\n");
            assertThat(unknownField.body()).startsWith("unknown field 'by'");
            assertThat(doesNotFit.statusCode()).isEqualTo(400);
            assertThat(doesNotFit.body()).isEqualTo("target cell-01/b is pending; retry applies only to a target that is failed or paused by a gate\n");
            assertThat(noTrain.body()).startsWith("no train nope; its trains are [" + TRAIN + "]");
            assertThat(store.load().orElseThrow()).isEqualTo(before);
        }
    }

    @Test
    void aProceedWithASilenceDurationLandsInTheLedgerAndABadDurationIsA400NamingFieldAndValue() throws Exception {
        FileLedgerStore store = gatePausedTrain();
        Ledger before = store.load().orElseThrow();
        try (LedgerServer server = server(store)) {
            String token = token(get(server, "").body());
            String url = server.url() + "api/approvals";
            String proceed = "{\"train\":\"" + TRAIN + "\",\"target\":\"cell-00/a\",\"action\":\"proceed\",\"silenceFor\":\"%s\"}";
            JsonNode view = JSON.readTree(get(server, "api/view").body());

            HttpResponse<String> notADuration = post(url, proceed.formatted("soon"), "Content-Type", "application/json",
                    LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> zero = post(url, proceed.formatted("0m"), "Content-Type", "application/json", LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> number = post(url, proceed.replace("\"%s\"", "60"), "Content-Type", "application/json",
                    LedgerServer.TOKEN_HEADER, token);
            HttpResponse<String> withRetry = post(url, proceed.formatted("1h").replace("proceed", "retry"), "Content-Type", "application/json",
                    LedgerServer.TOKEN_HEADER, token);

            assertThat(JSON.convertValue(view.at("/awaiting/choices"), List.class)).contains("proceed");
            assertThat(notADuration.statusCode()).isEqualTo(400);
            assertThat(notADuration.body()).isEqualTo("field 'silenceFor' must be a positive duration like 30m, 2h or PT1H, not 'soon'\n");
            assertThat(zero.statusCode()).isEqualTo(400);
            assertThat(zero.body()).isEqualTo("field 'silenceFor' must be a positive duration like 30m, 2h or PT1H, not '0m'\n");
            assertThat(number.statusCode()).isEqualTo(400);
            assertThat(number.body()).isEqualTo("field 'silenceFor' must be a non-empty string, not 60\n");
            assertThat(withRetry.statusCode()).isEqualTo(400);
            assertThat(withRetry.body()).isEqualTo("field 'silenceFor' goes only with action proceed, not retry\n");
            assertThat(store.load().orElseThrow()).isEqualTo(before);

            HttpResponse<String> accepted = post(url, proceed.formatted("PT1H"), "Content-Type", "application/json",
                    LedgerServer.TOKEN_HEADER, token);

            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo("recorded: carol proceed cell-00/a on train " + TRAIN + " with a silence of 1h\n");
            Train train = store.load().orElseThrow().train(TRAIN).orElseThrow();
            assertThat(train.approvals()).singleElement().satisfies(a -> {
                assertThat(a.by()).isEqualTo("carol");
                assertThat(a.silence()).contains(Duration.ofHours(1));
            });
            assertThat(train.audit()).anyMatch(a -> a.what().equals("silence-intent") && a.why().startsWith("error-ratio for 1h"));
            assertThat(LedgerJson.toJson(store.load().orElseThrow())).contains("\"silenceFor\" : \"PT1H\"");
        }
    }

    @Test
    void answersOnlyRequestsNamingThisServerAsHost() throws Exception {
        try (LedgerServer server = server(waitingTrain()); Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: rebound.example:" + server.port() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 421").doesNotContain("data-crumb-value");
        }
    }

    @Test
    void aServingRunWaitsForTheApprovalFromThePageAndContinues() throws Exception {
        CrashFixture f = new CrashFixture(dir, 2, "2.0.0", 0, true);
        StringWriter err = new StringWriter();
        CommandLine cli = DeployTrainCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(runArgs(f));
        args.addAll(List.of("--serve", "0"));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(String[]::new)));

        Matcher served = Pattern.compile("serving the train view on (http://127\\.0\\.0\\.1:\\d+/)").matcher("");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String base = null;
        while (base == null && System.nanoTime() < deadline) {
            if (served.reset(err.toString()).find()) {
                base = served.group(1);
            }
            Thread.sleep(50);
        }
        assertThat(base).as(err.toString()).isNotNull();
        String page = http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode waiting = null;
        while (System.nanoTime() < deadline) {
            waiting = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "api/view")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (waiting.path("awaiting").isObject()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(run).isNotDone();
        assertThat(waiting.at("/awaiting/target").asText()).isEqualTo("cell-00/a");

        HttpResponse<String> retried = post(base + "api/approvals", "{\"train\":\"" + TRAIN + "\",\"target\":\"cell-00/a\",\"action\":\"retry\"}",
                "Content-Type", "application/json", LedgerServer.TOKEN_HEADER, token(page));

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(run.get(30, java.util.concurrent.TimeUnit.SECONDS)).as(err.toString()).isEqualTo(ExitCodes.COMPLETED);
        Train train = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().train(TRAIN).orElseThrow();
        assertThat(train.status()).isEqualTo(TrainStatus.SUCCEEDED);
        assertThat(train.target("cell-00/a").orElseThrow().attempts()).hasSize(2);
        assertThat(train.approvals()).singleElement().satisfies(a -> assertThat(a.by()).isEqualTo("alice"));
        assertThat(LedgerJson.toJson(new FileLedgerStore(dir.resolve("state")).load().orElseThrow())).contains("approval:retry");
    }

    @Test
    void metricsAreTheLedgerInPrometheusTextFormatTheSameThePushgatewayGets() throws Exception {
        FileLedgerStore store = waitingTrain();
        try (LedgerServer server = server(store)) {
            HttpResponse<String> metrics = get(server, "metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).isEqualTo(io.jenkins.plugins.deploytrain.events.MetricsExposition.render(store.load().orElseThrow()))
                    .contains("deploy_train_deploys_total{service=\"crash-svc\",environment=\"cell-00\",zone=\"a\",outcome=\"failed\"} 1")
                    .contains("deploy_train_state{service=\"crash-svc\",train=\"" + TRAIN + "\",state=\"awaiting-approval\"} 1");
        }
    }
}
