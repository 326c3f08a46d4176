package io.jenkins.plugins.deploytrain.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: two {@code deploy-train run} processes (the packaged jar) started together on the same state
 * folder, several rounds. The deploy command records each start under a lock and notes any overlap:
 * no target is ever deployed twice, no environment ever has two deploys at once, and the train completes.
 */
class ConcurrentRunsIT {
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void twoRunnersOnOneStateFolderNeverBothDeploy() throws Exception {
        writeFleetAndTrain();
        Path log = dir.resolve("deploys.log");
        Path deploy = dir.resolve("deploy.sh");
        Files.writeString(deploy, """
                #!/bin/sh
                set -e
                log="%s"
                running="$log.running.$TRAIN_ENVIRONMENT"
                flock "$log.lock" sh -c 'if [ -e "$1" ]; then echo "overlap $2" >> "$3"; fi; touch "$1"; echo "start $2" >> "$3"' sh "$running" "$TRAIN_TARGET" "$log"
                sleep 0.5
                flock "$log.lock" sh -c 'rm -f "$1"; echo "end $2" >> "$3"' sh "$running" "$TRAIN_TARGET" "$log"
                """.formatted(log));
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));

        for (int round = 1; round <= ROUNDS; round++) {
            Files.writeString(dir.resolve("train.yaml"), train("1.0." + round));
            Path state = dir.resolve("state");
            Process first = start(state, deploy, "first-" + round);
            Process second = start(state, deploy, "second-" + round);
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String outputs = Files.readString(dir.resolve("first-" + round + ".log")) + "\n---\n"
                    + Files.readString(dir.resolve("second-" + round + ".log"));
            assertThat(first.exitValue() == 0 || second.exitValue() == 0).as(outputs).isTrue();

            Ledger ledger = new FileLedgerStore(state).load().orElseThrow();
            assertThat(ledger.trains()).as(outputs).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrainStatus.SUCCEEDED));
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(lines).as(outputs).noneMatch(l -> l.startsWith("overlap"));
        }
        Ledger ledger = new FileLedgerStore(dir.resolve("state")).load().orElseThrow();
        List<String> starts = Files.readAllLines(log).stream().filter(l -> l.startsWith("start ")).toList();
        int targets = ledger.trains().stream().mapToInt(t -> t.targets().size()).sum();
        assertThat(ledger.trains()).hasSizeGreaterThanOrEqualTo(ROUNDS);
        assertThat(starts).as("each target of each train deployed exactly once").hasSize(targets);
        for (var t : ledger.trains()) {
            assertThat(t.targets()).extracting(TargetRecord::attempts).allSatisfy(a -> assertThat(a).hasSize(1));
        }
    }

    /**
     * The second runner on a state folder whose train is being deployed by the first: it names the holder (its worker
     * id, cli:HOST:PID:STARTED, with the first runner's pid) and since when that deploy runs, deploys nothing meanwhile
     * and waits (the documented choice); once the first runner's deploy ends, the two finish the train and both exit 0.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theSecondRunnerSaysWhoHoldsTheDeployAndSinceWhenAndWaits() throws Exception {
        Files.writeString(dir.resolve("fleet.yaml"), """
                timezone: UTC
                environments:
                  - name: cell-0
                    provider: aws
                    region: region-0
                    zones: [a, b]
                    tier: staging
                """);
        Files.writeString(dir.resolve("train.yaml"), """
                service: svc
                version: 2.0.0
                fleet: fleet.yaml
                zoneDeployEstimate: 1m
                """);
        Path log = dir.resolve("deploys.log");
        Path release = dir.resolve("release");
        Path deploy = dir.resolve("deploy.sh");
        Files.writeString(deploy, """
                #!/bin/sh
                echo "start $TRAIN_TARGET" >> "%s"
                while [ ! -e "%s" ]; do sleep 0.1; done
                """.formatted(log, release));
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = dir.resolve("state");

        Process first = start(state, deploy, "holder", "60");
        Attempt held = awaitRunningAttempt(state);
        assertThat(held.worker()).startsWith("cli:").contains(":" + first.pid() + ":");
        Process second = start(state, deploy, "waiter", "60");
        String expected = "runs on worker " + held.worker() + " since " + held.started();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(dir.resolve("waiter.log")).contains(expected) && System.nanoTime() < deadline) {
            assertThat(second.isAlive()).as(Files.readString(dir.resolve("waiter.log"))).isTrue();
            Thread.sleep(100);
        }
        String waiting = Files.readString(dir.resolve("waiter.log"));
        assertThat(waiting).as("the second runner names the holder and since when").contains(expected);
        assertThat(second.isAlive()).as("the second runner waits").isTrue();
        assertThat(Files.readAllLines(log)).as("only the holder deploys").containsExactly("start cell-0/a");

        Files.writeString(release, "");
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String outputs = Files.readString(dir.resolve("holder.log")) + "\n---\n" + Files.readString(dir.resolve("waiter.log"));
        assertThat(first.exitValue()).as(outputs).isZero();
        assertThat(second.exitValue()).as(outputs).isZero();
        assertThat(Files.readAllLines(log)).as(outputs).containsExactlyInAnyOrder("start cell-0/a", "start cell-0/b");
        assertThat(new FileLedgerStore(state).load().orElseThrow().trains().get(0).status()).isEqualTo(TrainStatus.SUCCEEDED);
    }

    private static Attempt awaitRunningAttempt(Path state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(state.resolve("ledger.json"))) {
                var running = new FileLedgerStore(state).load().orElseThrow().trains().get(0).targets().stream()
                        .flatMap(t -> t.lastAttempt().stream()).filter(a -> a.outcome() == AttemptOutcome.RUNNING && a.process() != null)
                        .findFirst();
                if (running.isPresent()) {
                    return running.get();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first runner never started its deploy");
    }

    private Process start(Path state, Path deploy, String name) throws IOException {
        return start(state, deploy, name, "20000");
    }

    private Process start(Path state, Path deploy, String name, String timeScale) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Path.of("target", "deploy-train.jar").toAbsolutePath().toString(),
                "run", "--train", dir.resolve("train.yaml").toString(), "--state", state.toString(),
                "--deploy-command", deploy.toString(), "--time-scale", timeScale, "--start", "2026-11-30T08:00:00Z", "--by", name)
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private void writeFleetAndTrain() throws IOException {
        StringBuilder fleet = new StringBuilder("timezone: UTC\nenvironments:\n");
        String[] tiers = {"staging", "shadow", "primary", "production"};
        for (int e = 0; e < tiers.length; e++) {
            fleet.append("  - name: cell-").append(e).append("\n    provider: aws\n    region: region-").append(e)
                    .append("\n    zones: [a, b]\n    tier: ").append(tiers[e]).append('\n');
        }
        Files.writeString(dir.resolve("fleet.yaml"), fleet.toString());
    }

    private static String train(String version) {
        return """
                service: svc
                version: %s
                fleet: fleet.yaml
                bake: 20m
                soakAfterZone: 1m
                soakAfterEnvironment: 2m
                zoneDeployEstimate: 1m
                """.formatted(version);
    }
}
