package io.jenkins.plugins.deploytrain.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.GateResult;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.reliability.ReliabilityFigures;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, end to end: the packaged {@code deploy-train} jar runs a train with a Slack thread and a Datadog gate, the
 * Slack token and both Datadog keys given through the environment as unique canaries, against local replays of Slack
 * and Datadog that answer with faults (HTTP 5xx, 403, invalid_auth, and error bodies that echo the request's headers,
 * credentials included), and a deploy command that fails once. Wherever Deploy Train writes, serves or sends text,
 * no canary may appear: stdout and stderr of every process (run, approve, status), every file of the state folder,
 * the served ledger, view JSON and page, and the Slack messages. The same holds for a Terraform sensitive value through {@code tf-compare}.
 */
class SecretsNeverLeakIT {

    private static final Path JAR = Path.of("target", "deploy-train.jar").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(SecretsNeverLeakIT.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** Everything Deploy Train produced that a person or another system can read; each is checked for every canary. */
    private final Map<String, String> produced = new LinkedHashMap<>();

    private final List<Process> started = new ArrayList<>();

    private record Run(Process process, Path out, Path err) {
        int exit() throws InterruptedException {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("deploy-train ended within 2 minutes").isTrue();
            return process.exitValue();
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }
    }

    /** A failed test leaves no process behind (a served run would wait for approvals forever). */
    @AfterEach
    void stopWhatIsLeft() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @AfterAll
    static void writeFigures() {
        FIGURES.write();
    }

    private static String canary(String prefix) {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void credentialsFromTheEnvironmentAppearInNoOutputFileServedJsonNorSlackMessageThroughFaultsAndAFailedDeploy() throws Exception {
        String slackToken = canary("xoxb-canary-");
        String apiKey = canary("ddapicanary");
        String appKey = canary("ddappcanary");
        Map<String, String> secrets = Map.of("DEPLOY_TRAIN_SLACK_TOKEN", slackToken, "DD_API_KEY", apiKey, "DD_APP_KEY", appKey);

        String monitor = recordedMonitor();
        long monitorId = JSON.readTree(monitor).path("id").asLong();
        writeTrain(monitorId);

        try (ReplayServer slack = new ReplayServer(); ReplayServer datadog = new ReplayServer()) {
            String echo = ReplayServer.REQUEST_HEADERS;
            slack.on("POST", "/chat.postMessage",
                    Reply.json(500, "{\"ok\":false,\"error\":\"internal_error\",\"request\":\"" + echo + "\"}"),
                    Reply.ok("{\"ok\":false,\"error\":\"invalid_auth: you sent " + echo + "\"}"),
                    Reply.ok(ReplayServer.fixture("slack/openapi_auth.test_error.json")),
                    Reply.ok(ReplayServer.fixture("slack/openapi_chat.postMessage_ok.json")));
            slack.on("POST", "/chat.update",
                    Reply.ok("{\"ok\":false,\"error\":\"" + echo + "\"}"),
                    Reply.ok(ReplayServer.fixture("slack/openapi_chat.update_ok.json")));
            datadog.on("GET", "/api/v1/monitor/" + monitorId,
                    Reply.json(403, "{\"errors\":[\"Forbidden: the request had " + echo + "\"]}"),
                    Reply.json(502, "<html><body>Bad gateway. Your request: " + echo + "</body></html>"),
                    Reply.ok(withState(monitor, "OK")));

            List<String> common = List.of("--slack-channel", "C1H9RESGL", "--slack-api", slack.uri().toString(),
                    "--datadog-site", datadog.uri().toString());

            // 1: the deploy fails once, the train waits for a person (exit 3)
            List<String> exiting = new ArrayList<>(run(common));
            exiting.add("--exit-when-waiting");
            Run first = start(secrets, "run1", exiting);
            assertThat(first.exit()).as(first.stderr()).isEqualTo(3);
            collect("run 1", first);
            String trainId = ledgerTrain().id();
            approveRetry(secrets, "approve1", trainId);

            // 2: served; the Datadog gate fails on the 403 then on the 502, each approved with a retry, then passes
            List<String> served = new ArrayList<>(run(common));
            served.addAll(List.of("--serve", "0"));
            Run second = start(secrets, "run2", served);
            String url = servedUrl(second);
            for (int failures = 1; failures <= 2; failures++) {
                awaitGateFailures(failures);
                collectServed(url, "while paused " + failures);
                approveRetry(secrets, "approve" + (failures + 1), trainId);
            }
            assertThat(second.exit()).as(second.stderr()).isZero();
            collect("run 2", second);

            Run status = start(secrets, "status", List.of("status", "--state", dir.resolve("state").toString()));
            assertThat(status.exit()).as(status.stderr()).isZero();
            collect("status", status);

            Train train = ledgerTrain();
            assertThat(train.status()).isEqualTo(TrainStatus.SUCCEEDED);
            List<String> reasons = train.targets().stream().flatMap(t -> t.gateResults().stream()).map(GateResult::reason).toList();
            assertThat(reasons).as("the faults were met and said what happened")
                    .anySatisfy(r -> assertThat(r).contains("HTTP 403").contains("Forbidden"))
                    .anySatisfy(r -> assertThat(r).contains("HTTP 502"));
            assertThat(first.stderr()).as("Slack's failures were reported").contains("slack: ").contains("invalid_auth");

            // the canaries were really in play: each reached its service, in its header only
            assertThat(slack.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + slackToken));
            assertThat(datadog.requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.header("DD-API-KEY")).isEqualTo(apiKey);
                assertThat(r.header("DD-APPLICATION-KEY")).isEqualTo(appKey);
            });

            // each route's replies are taken in order, the last (a good answer) repeating: the faults served are those reached
            FIGURES.add("faults injected", Math.min(slack.requests("POST", "/chat.postMessage").size(), 3)
                    + Math.min(slack.requests("POST", "/chat.update").size(), 1)
                    + Math.min(datadog.requests("GET", "/api/v1/monitor/" + monitorId).size(), 2));
            collectStateFolder();
            List<String> messages = new ArrayList<>();
            for (ReplayServer.Recorded r : slack.requests()) {
                messages.add(ReplayServer.form(r).getOrDefault("text", ""));
                produced.put("Slack " + r.path() + " #" + messages.size(), r.body() + "\n" + ReplayServer.form(r));
            }
            assertThat(String.join("\n", messages)).as("the gate failures were told in Slack").contains("HTTP 403");
        }

        assertNoCanary(secrets);
        assertThat(produced.keySet()).as("what was checked").anyMatch(k -> k.startsWith("served ")).anyMatch(k -> k.contains("ledger.json"))
                .anyMatch(k -> k.contains("logs")).anyMatch(k -> k.contains("slack-threads")).anyMatch(k -> k.startsWith("Slack "));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTerraformSensitiveValueAppearsInNoTfCompareOutput() throws Exception {
        String secret = canary("tfsecret");
        String other = canary("tfsecret");
        Path approved = sensitivePlan("approved.json", secret);
        Path candidate = sensitivePlan("candidate.json", other);
        Path broken = Files.writeString(dir.resolve("broken.json"), Files.readString(approved).replace("\"" + secret + "\"", secret));

        for (String format : List.of("text", "json")) {
            Run different = start(Map.of(), "tf-" + format, List.of("tf-compare", "--approved", approved.toString(), "--candidate",
                    candidate.toString(), "--format", format));
            assertThat(different.exit()).as(different.stderr()).isEqualTo(1);
            assertThat(different.stdout()).as("the change is shown, not the value").contains("(sensitive, a different value)");
            collect("tf-compare --format " + format, different);
            Run same = start(Map.of(), "tf-same-" + format, List.of("tf-compare", "--approved", approved.toString(), "--candidate",
                    approved.toString(), "--format", format));
            assertThat(same.exit()).as(same.stderr()).isZero();
            collect("tf-compare identical --format " + format, same);
        }
        Run bad = start(Map.of(), "tf-broken", List.of("tf-compare", "--approved", broken.toString(), "--candidate", candidate.toString()));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("broken.json");
        collect("tf-compare broken", bad);
        FIGURES.add("terraform runs checked", 5);

        assertNoCanary(Map.of("sensitive value", secret, "other sensitive value", other));
    }

    /** The OpenTofu sensitive-values fixture, its sensitive "ami" set to the value, before (sensitive) and after. */
    private Path sensitivePlan(String name, String value) throws IOException {
        String plan = ReplayServer.fixture("terraform/opentofu_showjson_sensitive-values.json")
                .replace("\"before\": null,\n                \"after\": {", "\"before\": {\"ami\": \"" + value + "-old\"},\n                \"after\": {")
                .replace("\"before_sensitive\": false\n            }", "\"before_sensitive\": {\"ami\": true}\n            }")
                .replace("boop", value);
        assertThat(plan).contains(value + "-old").contains("\"before_sensitive\": {\"ami\": true}");
        return Files.writeString(dir.resolve(name), plan);
    }

    private void assertNoCanary(Map<String, String> secrets) {
        assertThat(produced).isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (var where : produced.entrySet()) {
            for (var secret : secrets.entrySet()) {
                FIGURES.count("leak checks (canary x place)");
                if (where.getValue().contains(secret.getValue())) {
                    leaks.add(secret.getKey() + " in " + where.getKey());
                }
            }
        }
        FIGURES.add("places checked for canaries", produced.size());
        assertThat(leaks).as("canaries found").isEmpty();
    }

    private void collect(String what, Run run) throws IOException {
        produced.put(what + " stdout", run.stdout());
        produced.put(what + " stderr", run.stderr());
        assertThat(run.stderr()).as(what).doesNotContain("\tat ");
    }

    private void collectStateFolder() throws IOException {
        Path state = dir.resolve("state");
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                produced.put("state file " + state.relativize(f), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
    }

    private void collectServed(String url, String when) throws Exception {
        for (String path : List.of("ledger.json", "api/view", "")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            produced.put("served /" + path + " " + when, r.body());
        }
        assertThat(produced.get("served /ledger.json " + when)).contains("Datadog answered HTTP");
    }

    private String servedUrl(Run run) throws Exception {
        Pattern serving = Pattern.compile("serving the train view on (http://127\\.0\\.0\\.1:\\d+/)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = serving.matcher(run.stderr());
            if (m.find()) {
                return m.group(1);
            }
            assertThat(run.process().isAlive()).as(run.stderr()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the served run never said where it serves: " + run.stderr());
    }

    private void awaitGateFailures(int count) throws Exception {
        Predicate<Train> paused = t -> t.targets().stream().anyMatch(x -> x.status() == TargetStatus.PAUSED)
                && t.targets().stream().mapToLong(x -> x.gateResults().stream().filter(g -> !g.passed()).count()).sum() == count;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (paused.test(ledgerTrain())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the train never paused on gate failure " + count + ": " + ledgerTrain());
    }

    private void approveRetry(Map<String, String> secrets, String name, String trainId) throws Exception {
        Train train = ledgerTrain();
        String target = train.targets().stream().filter(t -> t.status() == TargetStatus.FAILED || t.status() == TargetStatus.PAUSED)
                .findFirst().orElseThrow().id();
        Run approve = start(secrets, name, List.of("approve", "--state", dir.resolve("state").toString(), "--train", trainId,
                "--target", target, "--action", "retry", "--by", "bob"));
        assertThat(approve.exit()).as(approve.stderr()).isZero();
        collect(name, approve);
    }

    private Train ledgerTrain() {
        return new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0);
    }

    private List<String> run(List<String> extra) {
        List<String> args = new ArrayList<>(List.of("run", "--train", dir.resolve("train.yaml").toString(), "--state",
                dir.resolve("state").toString(), "--deploy-command", dir.resolve("deploy.sh").toString(), "--time-scale", "100000",
                "--start", "2026-11-30T08:00:00Z", "--by", "alice"));
        args.addAll(extra);
        return args;
    }

    private Run start(Map<String, String> environment, String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(process);
        return new Run(process, out, err);
    }

    private void writeTrain(long monitorId) throws IOException {
        Files.writeString(dir.resolve("fleet.yaml"), """
                timezone: UTC
                environments:
                  - name: cell-0
                    provider: aws
                    region: eu-west-1
                    zones: [a]
                    tier: staging
                  - name: cell-1
                    provider: aws
                    region: eu-west-2
                    zones: [a, b]
                    tier: production
                """);
        // a service of its own: a runner waits for live deploy processes of its train id anywhere on the machine
        Files.writeString(dir.resolve("train.yaml"), """
                service: svc-%d
                version: 1.4.2
                fleet: fleet.yaml
                soakAfterZone: 1m
                soakAfterEnvironment: 2m
                zoneDeployEstimate: 1m
                gates:
                  default:
                    - name: checkout-monitors
                      datadog:
                        ids: [%d]
                """.formatted(ProcessHandle.current().pid(), monitorId));
        // prints its whole environment but the Datadog keys (which a deploy may need, so it gets them): the runner's
        // own Slack token must not be there to print
        Path deploy = dir.resolve("deploy.sh");
        Files.writeString(deploy, """
                #!/bin/sh
                echo "deploying $TRAIN_TARGET with:"
                env | grep -v '^DD_' | sort
                if [ ! -e "$(dirname "$0")/failed-once" ]; then
                    touch "$(dirname "$0")/failed-once"
                    echo "failing once on purpose" >&2
                    exit 1
                fi
                """);
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String recordedMonitor() throws IOException {
        return ReplayServer.cassette("datadog/v1_Get_a_monitor_s_details_returns_OK_response.json").stream()
                .filter(e -> e.method().equals("GET") && e.path().startsWith("/api/v1/monitor/"))
                .map(ReplayServer.Exchange::body).findFirst().orElseThrow();
    }

    private static String withState(String monitorJson, String state) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(monitorJson);
        m.put("overall_state", state);
        return m.toString();
    }
}
