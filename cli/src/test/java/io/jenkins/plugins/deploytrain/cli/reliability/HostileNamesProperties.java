package io.jenkins.plugins.deploytrain.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.reliability.ReliabilityFigures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue 8, "paths and ids": generated service, version, environment and zone names, built from fragments that climb
 * folders ('..', '/', '\'), name options ('-'), or that a shell would run ('$(...)', backquotes, ';', '|'), with
 * control characters, spaces and non-ASCII letters, go through {@code deploy-train run} and a real deploy process.
 * Each either is refused before anything runs with an error naming fleet.yaml or train.yaml, or the train runs and
 * then: no file is written outside the state folder (and the deploy's own record folder), and the deploy receives
 * the names exactly, as TRAIN_* environment values, never as arguments.
 */
class HostileNamesProperties {

    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(HostileNamesProperties.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FRAGMENTS = List.of("cell", "1", "2.0", "a", "eu", "-", "_", ".", "..", "../", "/", "\\", "~",
            "$(touch pwned)", "`id`", ";", "|", "&&", "${HOME}", " ", "\n", "\t", "\u0000", "\u001b[2J", "é", "+", "*", "%2e%2e",
            "C:", "\u202e");

    private static final List<String> INPUTS = List.of("fleet.yaml", "train.yaml", "deploy.sh");

    @AfterContainer
    static void writeFigures() {
        FIGURES.write();
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> hostile = Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("", parts));
        // plain names too, so that accepted trains are run as often as refused ones are reported
        Arbitrary<String> plain = Arbitraries.strings().withChars("abcxyz019.-_").ofMinLength(1).ofMaxLength(12).map(s -> "c" + s);
        return Arbitraries.frequencyOf(Tuple.of(1, hostile), Tuple.of(2, plain));
    }

    @Property(tries = 120)
    void namesNeverLeaveTheStateFolderAndReachTheDeployOnlyAsEnvironment(@ForAll("names") String service, @ForAll("names") String version,
            @ForAll("names") String environment, @ForAll("names") String zone) throws IOException {
        FIGURES.count("name sets fuzzed");
        Path root = Files.createTempDirectory("hostile-names");
        try {
            Path work = Files.createDirectories(root.resolve("a/b/c/work"));
            Path records = Files.createDirectories(work.resolve("records"));
            Files.writeString(work.resolve("fleet.yaml"), """
                    timezone: UTC
                    environments:
                      - name: %s
                        provider: aws
                        region: eu-west-1
                        zones: [%s]
                        tier: staging
                    """.formatted(quoted(environment), quoted(zone)));
            Files.writeString(work.resolve("train.yaml"), """
                    service: %s
                    version: %s
                    fleet: fleet.yaml
                    zoneDeployEstimate: 1m
                    """.formatted(quoted(service), quoted(version)));
            Path deploy = work.resolve("deploy.sh");
            Files.writeString(deploy, """
                    #!/bin/sh
                    out="$(dirname "$0")/records"
                    printf '%s' "$#" > "$out/argc"
                    printf '%s' "$1" > "$out/arg1"
                    printf '%s' "$TRAIN_SERVICE" > "$out/service"
                    printf '%s' "$TRAIN_VERSION" > "$out/version"
                    printf '%s' "$TRAIN_ENVIRONMENT" > "$out/environment"
                    printf '%s' "$TRAIN_ZONE" > "$out/zone"
                    """);
            Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));

            HostileRunInputsTest.Result r = HostileRunInputsTest.execute("run", "--train", work.resolve("train.yaml").toString(),
                    "--state", work.resolve("state").toString(), "--deploy-command", deploy + " fixed-word", "--time-scale", "100000",
                    "--start", "2026-11-30T08:00:00Z", "--by", "prop");
            String what = "service " + JSON.writeValueAsString(service) + ", version " + JSON.writeValueAsString(version)
                    + ", environment " + JSON.writeValueAsString(environment) + ", zone " + JSON.writeValueAsString(zone) + ": " + r.err();

            assertThat(r.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception");
            if (r.exit() == 2) {
                FIGURES.count("refused with a located error");
                assertThat(r.err()).as(what).containsPattern("(fleet|train)\\.yaml:\\d+");
                assertThat(records).as(what).isEmptyDirectory();
                assertThat(work.resolve("state")).as(what).doesNotExist();
            } else {
                FIGURES.count("accepted and deployed");
                assertThat(r.exit()).as(what).isZero();
                assertThat(new FileLedgerStore(work.resolve("state")).load().orElseThrow().trains().get(0).status()).isEqualTo(TrainStatus.SUCCEEDED);
                assertThat(read(records, "argc")).as(what).isEqualTo("1");
                assertThat(read(records, "arg1")).as(what).isEqualTo("fixed-word");
                assertThat(read(records, "service")).as(what).isEqualTo(service.strip());
                assertThat(read(records, "version")).as(what).isEqualTo(version.strip());
                assertThat(read(records, "environment")).as(what).isEqualTo(environment.strip());
                assertThat(read(records, "zone")).as(what).isEqualTo(zone.strip());
            }
            List<Path> written = files(root).stream().filter(p -> !p.startsWith(work.resolve("state")) && !p.startsWith(records))
                    .filter(p -> !INPUTS.contains(work.relativize(p).toString())).toList();
            assertThat(written).as("files outside the state folder; " + what).isEmpty();
        } finally {
            deleteTree(root);
        }
    }

    /** A YAML double-quoted scalar: JSON's escapes are YAML's, so any string (control characters too) is written exactly. */
    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path records, String name) throws IOException {
        return Files.readString(records.resolve(name), StandardCharsets.UTF_8);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteTree(Path top) {
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
