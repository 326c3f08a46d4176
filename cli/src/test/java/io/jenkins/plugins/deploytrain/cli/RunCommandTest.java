package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run}, {@code status} and {@code approve} in process, with real deploy processes and a real ledger. */
class RunCommandTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = DeployTrainCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Result run(CrashFixture f, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--train", f.train.toString(), "--state", dir.resolve("state").toString(),
                "--deploy-command", f.deployScript.toString(), "--time-scale", "100000", "--start", "2026-11-30T08:00:00Z", "--by", "alice"));
        args.addAll(List.of(extra));
        return execute(args.toArray(String[]::new));
    }

    private Ledger ledger() {
        return new FileLedgerStore(dir.resolve("state")).load().orElseThrow();
    }

    @Test
    void runsATrainToTheEndGivingEachDeployItsTrainVariables() throws Exception {
        CrashFixture f = new CrashFixture(dir, 4, "2.0.0", 0);

        Result r = run(f);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("completed: crash-svc 2.0.0: 12 of 12 targets done");
        assertThat(r.err()).contains("starting train crash-svc-2.0.0-1").contains("12/12 zones, 4/4 environments");
        Train train = ledger().trains().get(0);
        assertThat(train.status()).isEqualTo(TrainStatus.SUCCEEDED);
        assertThat(train.by()).isEqualTo("alice");
        assertThat(f.environmentOf("cell-02", "b")).contains("TRAIN_SERVICE=crash-svc", "TRAIN_VERSION=2.0.0",
                "TRAIN_ENVIRONMENT=cell-02", "TRAIN_PROVIDER=aws", "TRAIN_REGION=region-2", "TRAIN_ZONE=b",
                "TRAIN_TIER=primary", "TRAIN_ATTEMPT=1", "TRAIN_TARGET=cell-02/b", "TRAIN_ID=crash-svc-2.0.0-1");
        List<String> starts = f.logLines().stream().filter(l -> l[0].equals("start")).map(l -> l[1]).toList();
        assertThat(starts).containsExactlyElementsOf(train.targets().stream().map(TargetRecord::id).toList());

        // the same release again, once it completed, is that train again: nothing is deployed twice
        // (a runner killed after the end, or a daily job whose version is already everywhere)
        Result again = run(f);
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains("continuing train crash-svc-2.0.0-1");
        assertThat(again.out()).contains("completed: crash-svc 2.0.0: 12 of 12 targets done");
        assertThat(ledger().trains()).extracting(Train::status).containsExactly(TrainStatus.SUCCEEDED);
        assertThat(f.logLines()).hasSize(24);
    }

    @Test
    void aFailedDeployExitsWithTheWaitingCodeSayingWhatItWaitsForAndRetryContinues() throws Exception {
        CrashFixture f = new CrashFixture(dir, 3, "2.0.0", 0, true);

        Result waiting = run(f);

        assertThat(waiting.exit()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(waiting.out()).contains("train crash-svc-2.0.0-1 waits for approval: deploy of cell-00/a failed (attempt 1: exit code 7")
                .contains("deploy-train approve --train crash-svc-2.0.0-1 --target cell-00/a --action retry|skip|mark-succeeded|abort");
        Path output = dir.resolve("state/logs/crash-svc-2.0.0-1/cell-00_a.attempt-1.log");
        assertThat(Files.readString(output)).contains("simulated failure");
        Result status = execute("status", "--state", dir.resolve("state").toString());
        assertThat(status.out()).contains("awaiting-approval").contains("cell-00/a").contains("failed");

        Result approved = execute("approve", "--state", dir.resolve("state").toString(), "--train", "crash-svc-2.0.0-1",
                "--target", "cell-00", "--action", "retry", "--by", "bob", "--reason", "flaky network");
        assertThat(approved.exit()).as(approved.err()).isZero();
        Result done = run(f);

        assertThat(done.exit()).as(done.err()).isZero();
        TargetRecord first = ledger().trains().get(0).target("cell-00/a").orElseThrow();
        assertThat(first.attempts()).extracting(a -> a.outcome()).containsExactly(AttemptOutcome.FAILED, AttemptOutcome.SUCCEEDED);
        assertThat(ledger().trains().get(0).audit()).anyMatch(a -> a.what().equals("approval:retry") && a.who().equals("bob")
                && a.why().equals("flaky network"));
    }

    @Test
    void anApprovalThatDoesNotFitIsRefusedWithTheReason() throws Exception {
        CrashFixture f = new CrashFixture(dir, 3, "2.0.0", 0);
        run(f);

        Result refused = execute("approve", "--state", dir.resolve("state").toString(), "--train", "crash-svc-2.0.0-1",
                "--target", "cell-00/a", "--action", "retry", "--by", "bob");
        Result unknown = execute("approve", "--state", dir.resolve("state").toString(), "--train", "nope",
                "--action", "abort", "--by", "bob");
        Result badAction = execute("approve", "--state", dir.resolve("state").toString(), "--train", "crash-svc-2.0.0-1",
                "--action", "yolo", "--by", "bob");

        assertThat(refused.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("train crash-svc-2.0.0-1 is succeeded; nothing to approve");
        assertThat(unknown.err()).contains("no train nope in").contains("[crash-svc-2.0.0-1]");
        assertThat(badAction.err()).contains("--action 'yolo' is not one of proceed, retry, skip, mark-succeeded, pause, resume, abort");
    }

    @Test
    void aDamagedLedgerIsRefusedNamingTheFileAndThePreviousCopyIsRestoredOnRequest() throws Exception {
        CrashFixture f = new CrashFixture(dir, 3, "2.0.0", 0);
        run(f);
        Path file = dir.resolve("state/ledger.json");
        Files.writeString(file, Files.readString(file).replace("\"by\" : \"alice\"", "\"by\" : \"mallory\""));

        Result refused = execute("status", "--state", dir.resolve("state").toString());
        Result rerun = run(f);

        assertThat(refused.exit()).isEqualTo(ExitCodes.LEDGER_DAMAGED);
        assertThat(refused.err()).contains("The ledger " + file + " is damaged and was not used: field checksum is sha256:")
                .contains("ledger.json.prev (revision").contains("--restore-previous");
        assertThat(rerun.exit()).isEqualTo(ExitCodes.LEDGER_DAMAGED);

        Result restored = execute("status", "--state", dir.resolve("state").toString(), "--restore-previous", "--format", "json");
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(restored.err()).contains("restored " + file + " from its previous copy");
        assertThat(LedgerJson.mapper().readTree(restored.out()).get("job").asText()).isEqualTo("crash-svc");
        assertThat(dir.resolve("state/ledger.json.damaged")).exists();
    }

    @Test
    void badInputIsNamedWithoutAStackTrace() throws Exception {
        CrashFixture f = new CrashFixture(dir, 3, "2.0.0", 0);
        Files.writeString(f.fleet, Files.readString(f.fleet).replace("tier: primary", "tier: primry"));

        Result badFleet = run(f);
        Result badCommand = execute("run", "--train", f.train.toString(), "--state", dir.resolve("s").toString(),
                "--deploy-command", "'unclosed");
        Result badScale = execute("run", "--train", f.train.toString(), "--state", dir.resolve("s").toString(),
                "--deploy-command", "true", "--time-scale", "-3");
        Result noLedger = execute("status", "--state", dir.resolve("empty").toString());

        assertThat(badFleet.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badFleet.err()).contains("fleet.yaml").contains("primry").doesNotContain("\tat ");
        assertThat(badCommand.err()).contains("unclosed ' quote in --deploy-command");
        assertThat(badScale.err()).contains("--time-scale must be a positive number");
        assertThat(noLedger.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noLedger.err()).contains("no ledger in");
    }

    @Test
    void aDeployCommandThatCannotStartFailsTheTargetSayingWhy() throws Exception {
        CrashFixture f = new CrashFixture(dir, 3, "2.0.0", 0);

        Result r = execute("run", "--train", f.train.toString(), "--state", dir.resolve("state").toString(),
                "--deploy-command", dir.resolve("no-such-deploy").toString(), "--time-scale", "100000");

        assertThat(r.exit()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(r.out()).contains("cannot start the deploy command " + dir.resolve("no-such-deploy"));
    }
}
