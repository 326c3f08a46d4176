package io.jenkins.plugins.deploytrain.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.deploytrain.cli.DeployTrainCommand;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code deploy-train run} with hostile values and a hanging deploy, through the real command and real
 * processes: a deploy command that records its argv and TRAIN_* environment proves values are passed as
 * environment and never interpreted by a shell; names that would escape the state folder are refused
 * before anything runs; a deploy that hangs is killed, with its children, at --deploy-timeout.
 */
class HostileRunInputsTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = DeployTrainCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    private void files(String environment, String version, String deployBody) throws IOException {
        Files.writeString(dir.resolve("fleet.yaml"), """
                timezone: UTC
                environments:
                  - name: %s
                    provider: aws
                    region: eu-west-1
                    zones: [a]
                    tier: staging
                """.formatted(environment));
        Files.writeString(dir.resolve("train.yaml"), """
                service: svc
                version: %s
                fleet: fleet.yaml
                zoneDeployEstimate: 1m
                """.formatted(version));
        Path deploy = dir.resolve("deploy.sh");
        Files.writeString(deploy, "#!/bin/sh\n" + deployBody);
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--train", dir.resolve("train.yaml").toString(), "--state",
                dir.resolve("state").toString(), "--time-scale", "100000", "--start", "2026-11-30T08:00:00Z", "--by", "alice"));
        args.addAll(List.of(extra));
        return execute(args.toArray(String[]::new));
    }

    @Test
    void trainValuesReachTheDeployAsEnvironmentAndArgumentsAreNeverInterpretedByAShell() throws IOException {
        files("cell-1", "1.0.0", """
                for a in "$@"; do printf '%s\\n' "$a"; done > "$(dirname "$0")/argv"
                env | grep '^TRAIN_' | sort > "$(dirname "$0")/env"
                """);
        Path pwned = dir.resolve("pwned");
        String hostileWords = "'$(touch " + pwned + ")' '`touch " + pwned + "`' '; touch " + pwned + "' '$TRAIN_VERSION' '|' '&&'";
        Result r = run("--deploy-command", dir.resolve("deploy.sh") + " " + hostileWords);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("argv"))).containsExactly("$(touch " + pwned + ")", "`touch " + pwned + "`",
                "; touch " + pwned, "$TRAIN_VERSION", "|", "&&");
        assertThat(Files.readAllLines(dir.resolve("env"))).contains("TRAIN_ENVIRONMENT=cell-1", "TRAIN_VERSION=1.0.0", "TRAIN_ZONE=a");
        assertThat(pwned).doesNotExist();
    }

    @Test
    void namesThatWouldEscapeTheStateFolderAreRefusedOrKeptInsideIt() throws IOException {
        List<String[]> hostile = List.of(
                new String[] {"../../escape", "1.0.0"}, new String[] {"/etc/cron.d", "1.0.0"}, new String[] {"\"cell\\u0000x\"", "1.0.0"},
                new String[] {"\"cell\\nTRAIN_ZONE=evil\"", "1.0.0"}, new String[] {"cell-1", "../../../../escape"},
                new String[] {"cell-1", "/tmp/escape"}, new String[] {"cell-1", "\"1.0$(touch x)\""}, new String[] {"cell-1", "\"1.0\\n2\""});
        Path root = dir;
        for (String[] names : hostile) {
            // the state folder sits three folders deep, so a path that climbs out of it lands where we can see it
            dir = Files.createDirectories(root.resolve("a/b/c/case"));
            files(names[0], names[1], "touch \"$(dirname \"$0\")/deployed\"\n");
            Result r = run("--deploy-command", dir.resolve("deploy.sh").toString());
            String what = "environment " + names[0] + ", version " + names[1] + ": " + r.err();
            assertThat(r.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception");
            if (r.exit() == 2) {
                assertThat(r.err()).as(what).containsAnyOf("fleet.yaml:", "train.yaml:");
                assertThat(dir.resolve("deployed")).as(what).doesNotExist();
            } else {
                assertThat(r.exit()).as(what).isZero();
                FileLedgerStore store = new FileLedgerStore(dir.resolve("state"));
                assertThat(store.load()).as(what).isPresent();
            }
            try (Stream<Path> all = Files.walk(root)) {
                List<Path> outside = all.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir)).toList();
                assertThat(outside).as(what).isEmpty();
            }
            deleteTree(root.resolve("a"));
        }
        dir = root;
    }

    private static void deleteTree(Path top) throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aHangingDeployIsKilledWithItsChildrenAtTheDeployTimeoutAndTheTargetFails() throws Exception {
        files("cell-1", "1.0.0", """
                sleep 600 &
                echo $! > "$(dirname "$0")/child.pid"
                wait
                """);
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> run("--deploy-command", dir.resolve("deploy.sh").toString(), "--deploy-timeout", "2s"));

        assertThat(r.exit()).as(r.err()).isNotZero();
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (running(child) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(running(child)).as("the deploy's child process %d still runs", child).isFalse();
        TargetRecord target = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0).targets().get(0);
        assertThat(target.attempts()).extracting(Attempt::detail).anySatisfy(error -> assertThat(error).contains("no result within 2s"));
    }

    /** Alive and not a zombie (a container's init may never reap a killed orphan). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String text;
        try {
            text = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void aVersionThatWouldClimbOrReadAsAnOptionIsRefusedNamingWhereItCameFrom() throws IOException {
        files("cell-1", "\"../../../../escape\"", "touch \"$(dirname \"$0\")/deployed\"\n");
        Result fromFile = run("--deploy-command", dir.resolve("deploy.sh").toString());
        assertThat(fromFile.exit()).isEqualTo(2);
        assertThat(fromFile.err()).contains("train.yaml:2:10: ").contains("version: invalid version '../../../../escape'");
        assertThat(dir.resolve("deployed")).doesNotExist();
        assertThat(dir.resolve("state")).doesNotExist();

        for (String label : List.of("../escape", "-rf", "1.0/2", "1.0\n2")) {
            Result gateCheck = execute("gate-check", "--train", dir.resolve("train.yaml").toString(), "--target", "cell-1/a",
                    "--version-label", label);
            assertThat(gateCheck.exit()).as(label).isEqualTo(2);
            assertThat(gateCheck.err()).as(label).startsWith("gate-check: --version-label: invalid version '")
                    .doesNotContain("\n2").doesNotContain("Exception");
        }
    }

    @Test
    void aDeployTimeoutThatIsNotADurationIsBadInput() throws IOException {
        files("cell-1", "1.0.0", "true\n");
        Result r = run("--deploy-command", dir.resolve("deploy.sh").toString(), "--deploy-timeout", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--deploy-timeout").contains("'soon'");
    }
}
