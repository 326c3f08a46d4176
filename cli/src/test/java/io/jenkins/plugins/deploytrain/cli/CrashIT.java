package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's crash test: {@code deploy-train run} (the shaded jar, as a real process) on 12 environments x
 * 3 zones is killed with SIGKILL at random instants at least 50 times and restarted each time; then the
 * ledger must be intact and consistent, every target succeeded exactly once, no environment ever had two
 * deploys at once and the plan order held. The same on 100 environments x 3 zones (issue 15: a ledger whose
 * journal is killed mid-append and whose snapshots are written now and then and when a train ends).
 */
class CrashIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killedAtRandomInstantsTheTrainStillCompletesWithEveryInvariantHeld() throws Exception {
        crash(12, 50, 0.1);
    }

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void aTrainOf300TargetsKilledAtRandomInstantsStillCompletesWithEveryInvariantHeld() throws Exception {
        crash(100, 30, 0.02);
    }

    private void crash(int environments, int killsWanted, double deploySeconds) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        CrashFixture fixture = new CrashFixture(dir, environments, "1.0.0", deploySeconds);
        Path state = dir.resolve("state");
        List<String> versions = new ArrayList<>(List.of("1.0.0"));
        int kills = 0;
        int runs = 0;
        archiveClasses(fixture);
        while (true) {
            Runner runner = start(fixture, state);
            runs++;
            if (kills >= killsWanted) {
                // enough kills: this run goes to the end
                assertThat(runner.process().waitFor(300, TimeUnit.SECONDS)).as("seed %d: the last run ends", seed).isTrue();
                assertThat(runner.process().exitValue()).as("seed %d, run %d: %s", seed, runs, Files.readString(runnerLog())).isZero();
                break;
            }
            // most kills land while the train works; some while the runner starts (loads, plans, admits)
            boolean whileStarting = random.nextInt(6) == 0;
            if (!whileStarting) {
                runner.announced().await(60, TimeUnit.SECONDS);
            }
            if (runner.process().waitFor(whileStarting ? random.nextInt(2000) : random.nextInt(600), TimeUnit.MILLISECONDS)) {
                assertThat(runner.process().exitValue()).as("seed %d, run %d: %s", seed, runs, Files.readString(runnerLog())).isZero();
                // the train completed before enough kills: the next release keeps the test killing
                String next = "1.0." + versions.size();
                versions.add(next);
                fixture.writeTrain(next);
            } else {
                runner.process().destroyForcibly().waitFor();
                kills++;
            }
            runner.output().join();
        }

        Ledger ledger = new FileLedgerStore(state).load().orElseThrow();
        assertThat(kills).isGreaterThanOrEqualTo(killsWanted);
        assertThat(ledger.trains()).extracting(Train::version).containsExactlyElementsOf(versions);
        for (Train train : ledger.trains()) {
            checkTrain(train, seed, environments);
        }
        checkDeployLog(fixture, ledger, seed);
        long lost = ledger.trains().stream().flatMap(t -> t.targets().stream()).flatMap(t -> t.attempts().stream())
                .filter(a -> a.outcome() == AttemptOutcome.LOST).count();
        assertThat(lost).as("seed %d: some kills hit a deploy in flight, which was redeployed", seed).isPositive();
        System.out.printf("crash test (%d targets) seed %d: %d runs, %d kills, %d trains, %d attempts lost with their runner and redeployed%n",
                environments * 3, seed, runs, kills, ledger.trains().size(), lost);
    }

    /** A runner process, the thread copying its output to the runner log, and a latch: it announced its train. */
    private record Runner(Process process, Thread output, CountDownLatch announced) {}

    private Path runnerLog() {
        return dir.resolve("runner.log");
    }

    /**
     * Fifty restarts are fifty JVM starts: one planning run records the classes they load in a CDS archive
     * that every runner then maps, so the test stays within its bound on a busy machine.
     */
    private void archiveClasses(CrashFixture fixture) throws Exception {
        Process planning = new ProcessBuilder(java(), "-XX:ArchiveClassesAtExit=" + dir.resolve("runner.jsa"), "-jar", jar(),
                "plan", "--train", fixture.train.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("plan.log").toFile()).start();
        assertThat(planning.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of("target", "deploy-train.jar").toAbsolutePath().toString();
    }

    private Runner start(CrashFixture fixture, Path state) throws Exception {
        // without the archive (it could not be written) the JVM warns and starts without it
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xshare:auto", "-XX:SharedArchiveFile=" + dir.resolve("runner.jsa"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-jar", jar(),
                "run", "--train", fixture.train.toString(), "--state", state.toString(),
                "--deploy-command", fixture.deployScript.toString(), "--time-scale", "1200", "--start", "2026-11-30T08:00:00Z")
                .redirectErrorStream(true);
        builder.environment().put("DEPLOY_LOG", fixture.deployLog.toString());
        Process process = builder.start();
        CountDownLatch announced = new CountDownLatch(1);
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Files.writeString(runnerLog(), line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    if (line.startsWith("starting train") || line.startsWith("continuing train")) {
                        announced.countDown();
                    }
                }
            } catch (IOException killed) {
                // the runner was killed mid-line
            } finally {
                announced.countDown();
            }
        });
        output.start();
        return new Runner(process, output, announced);
    }

    private static void checkTrain(Train train, long seed, int environments) {
        String where = "seed " + seed + ", train " + train.id();
        assertThat(train.status()).as(where).isEqualTo(TrainStatus.SUCCEEDED);
        assertThat(train.targets()).as(where).hasSize(environments * 3);
        Instant previous = Instant.MIN;
        for (AuditEntry entry : train.audit()) {
            assertThat(entry.at()).as(where + ": audit in time order").isAfterOrEqualTo(previous);
            previous = entry.at();
        }
        for (TargetRecord t : train.targets()) {
            String of = where + ", target " + t.id();
            assertThat(t.status()).as(of).isEqualTo(TargetStatus.SUCCEEDED);
            List<Attempt> attempts = t.attempts();
            assertThat(attempts).as(of + ": exactly one succeeded attempt").filteredOn(a -> a.outcome() == AttemptOutcome.SUCCEEDED).hasSize(1);
            assertThat(attempts.get(attempts.size() - 1).outcome()).as(of).isEqualTo(AttemptOutcome.SUCCEEDED);
            assertThat(attempts.subList(0, attempts.size() - 1)).as(of + ": earlier attempts were lost with their runner")
                    .allMatch(a -> a.outcome() == AttemptOutcome.LOST);
            for (int i = 0; i < attempts.size(); i++) {
                assertThat(attempts.get(i).number()).as(of).isEqualTo(i + 1);
            }
            assertThat(count(train, t, "deploy-intent")).as(of + ": one intent per attempt").isEqualTo(attempts.size());
            assertThat(count(train, t, "deploy-succeeded")).as(of).isEqualTo(1);
            assertThat(count(train, t, "target-succeeded")).as(of + ": succeeded exactly once").isEqualTo(1);
        }
        assertThat(train.audit().stream().filter(a -> a.what().equals("train-succeeded")).count()).as(where).isEqualTo(1);
    }

    private static long count(Train train, TargetRecord t, String what) {
        return train.audit().stream().filter(a -> t.id().equals(a.target()) && a.what().equals(what)).count();
    }

    private static void checkDeployLog(CrashFixture fixture, Ledger ledger, long seed) throws Exception {
        List<String[]> lines = fixture.logLines();
        assertThat(lines).as("seed %d: no deploy overlapped another of its environment", seed).noneMatch(l -> l[0].equals("overlap"));
        Map<String, Boolean> running = new HashMap<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        for (String[] line : lines) {
            String target = line[1];
            String version = line[2];
            String env = target.substring(0, target.indexOf('/'));
            Train train = ledger.trains().stream().filter(t -> t.version().equals(version)).findFirst().orElseThrow();
            int index = train.target(target).orElseThrow().index();
            if (line[0].equals("start")) {
                assertThat(running.getOrDefault(env, false)).as("seed %d: %s started while its environment deployed", seed, target).isFalse();
                running.put(env, true);
                assertThat(index).as("seed %d: %s started after a later target of %s", seed, target, version)
                        .isGreaterThanOrEqualTo(lastIndex.getOrDefault(version, 0));
                lastIndex.put(version, index);
            } else {
                running.put(env, false);
            }
        }
        for (Train train : ledger.trains()) {
            for (TargetRecord t : train.targets()) {
                assertThat(lines).as("seed %d: %s of %s deployed", seed, t.id(), train.version())
                        .anyMatch(l -> l[0].equals("end") && l[1].equals(t.id()) && l[2].equals(train.version()));
            }
        }
    }
}
