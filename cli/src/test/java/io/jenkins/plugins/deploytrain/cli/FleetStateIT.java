package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.fleetstate.FileFleetState;
import io.jenkins.plugins.deploytrain.fleetstate.FleetSnapshot;
import io.jenkins.plugins.deploytrain.fleetstate.ServiceMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged runners, each with its own {@code --state} (two jobs), share one {@code --fleet-state} and roll two
 * versions of one service over one fleet at the same time. The deploy command logs its start and end under flock
 * and notes an overlap when another deploy of the environment runs: there is none, the later runner waits and
 * says who holds the environment, both trains complete, and {@code status --matrix --fleet-state} shows what
 * each runner deployed where.
 */
class FleetStateIT {

    @TempDir
    Path dir;

    @Test
    void twoRunnersSharingAFleetStateNeverDeployOneEnvironmentAtOnce() throws Exception {
        CrashFixture first = new CrashFixture(Files.createDirectories(dir.resolve("a")), 4, "1.0.0", 0.6);
        CrashFixture second = new CrashFixture(Files.createDirectories(dir.resolve("b")), 4, "2.0.0", 0.6);
        Path deployLog = dir.resolve("deploys.log");
        Path fleetState = dir.resolve("fleet-state");

        Process a = start(first, "job-a", fleetState, deployLog, dir.resolve("a.out"));
        Process b = start(second, "job-b", fleetState, deployLog, dir.resolve("b.out"));

        assertThat(a.waitFor(180, TimeUnit.SECONDS)).as("runner a ends").isTrue();
        assertThat(b.waitFor(180, TimeUnit.SECONDS)).as("runner b ends").isTrue();
        String outA = Files.readString(dir.resolve("a.out"));
        String outB = Files.readString(dir.resolve("b.out"));
        assertThat(a.exitValue()).as(outA).isZero();
        assertThat(b.exitValue()).as(outB).isZero();

        List<String> log = Files.readAllLines(deployLog);
        assertThat(log).as("no deploy of an environment started while another ran there").noneMatch(l -> l.startsWith("overlap"));
        for (String version : List.of("1.0.0", "2.0.0")) {
            assertThat(log.stream().filter(l -> l.startsWith("end ") && l.endsWith(" " + version))).as(version).hasSize(12);
        }
        assertThat(outA + outB).as("the runner that waited said who holds the environment")
                .containsPattern("environment cell-\\d\\d is held by job job-[ab] runner cli:");

        FleetSnapshot state = new FileFleetState(fleetState).read();
        assertThat(state.leases()).as("every lease given back").isEmpty();
        ServiceMatrix matrix = ServiceMatrix.of(state, "crash-svc");
        assertThat(matrix.cells()).hasSize(12).allSatisfy(c -> assertThat(c.deployed().version()).isIn("1.0.0", "2.0.0"));

        Process status = new ProcessBuilder(java(), "-jar", jar(), "status", "--matrix", "--fleet-state", fleetState.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("status.out").toFile()).start();
        assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String shown = Files.readString(dir.resolve("status.out"));
        assertThat(status.exitValue()).as(shown).isZero();
        assertThat(shown).contains("service crash-svc").contains("cell-03").containsPattern("[12]\\.0\\.0 \\(job-[ab]\\)");
    }

    private static Process start(CrashFixture fixture, String job, Path fleetState, Path deployLog, Path out) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar(),
                "run", "--train", fixture.train.toString(), "--state", fixture.dir.resolve("state").toString(), "--job", job,
                "--fleet-state", fleetState.toString(), "--deploy-command", fixture.deployScript.toString(),
                "--time-scale", "1200", "--start", "2026-11-30T08:00:00Z")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("DEPLOY_LOG", deployLog.toString());
        return builder.start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of("target", "deploy-train.jar").toAbsolutePath().toString();
    }
}
