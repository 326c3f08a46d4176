package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue 8, "paths and ids": a train file's version becomes part of the train id, which names files under the state
 * folder, and the service reaches the deploy as TRAIN_SERVICE. For generated values (folder climbing, separators,
 * options, shell syntax, control characters, arbitrary Unicode) the loader either refuses the value with a problem
 * naming train.yaml, its line, the field and the value, or an accepted version is one harmless path segment (resolved
 * under a state folder, it and the train id stay direct children of it) and an accepted service has no control
 * character.
 */
class ReleaseNameProperties {

    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(ReleaseNameProperties.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FRAGMENTS = List.of("1", "2.0", "rc1", "v", "-", "_", ".", "..", "../", "/", "\\", "~", "+",
            "$(id)", "`id`", ";", "|", " ", "\n", "\u0000", "\u001b", "é", "*", ":", "%2f", "\u202e", "\uFEFF");
    private static final Path STATE = Path.of("/srv/deploy-train/state");

    @AfterContainer
    static void writeFigures() {
        FIGURES.write();
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> fragments = Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
        Arbitrary<String> anything = Arbitraries.strings().ofMinLength(1).ofMaxLength(200);
        return Arbitraries.frequencyOf(Tuple.of(3, fragments), Tuple.of(1, anything));
    }

    @Property(tries = 500)
    void aVersionOrServiceIsRefusedWhereItIsOrIsOnePlainPathSegment(@ForAll("values") String value, @ForAll boolean asVersion)
            throws IOException {
        String field = asVersion ? "version" : "service";
        FIGURES.count("values fuzzed");
        Path dir = Files.createTempDirectory("release-names");
        try {
            Path train = Files.writeString(dir.resolve("train.yaml"), asVersion
                    ? "service: svc\nversion: " + quoted(value) + "\nzoneDeployEstimate: 1m\n"
                    : "version: 1.0.0\nservice: " + quoted(value) + "\nzoneDeployEstimate: 1m\n");
            ConfigException refused = catchThrowableOfType(ConfigException.class, () -> TrainSpecLoader.load(train));
            if (refused != null) {
                assertThat(refused.problems()).as(quoted(value)).isNotEmpty().allSatisfy(p -> assertThat(p.file()).endsWith("train.yaml"));
                // a value the YAML reader itself refuses (a character YAML forbids) is reported by the reader, without a field
                refused.problems().stream().filter(p -> field.equals(p.field())).forEach(p -> {
                    assertThat(p.line()).as(quoted(value)).isEqualTo(2);
                    assertThat(p.value()).as(quoted(value)).isEqualTo(value);
                    assertThat(p.message()).as(quoted(value)).containsAnyOf("invalid " + field, "must not be blank");
                });
                FIGURES.count(refused.problems().stream().anyMatch(p -> field.equals(p.field()))
                        ? "refused with file, line, field and value" : "refused by the YAML reader, naming the file");
                return;
            }
            FIGURES.count("accepted");
            TrainSpec spec = TrainSpecLoader.load(train);
            if (asVersion) {
                String version = spec.version().orElseThrow();
                for (String segment : List.of(version, spec.service() + "-" + version + "-1")) {
                    assertThat(STATE.resolve(segment).normalize().getParent()).as(quoted(value)).isEqualTo(STATE);
                    assertThat(segment).doesNotStartWith("-").doesNotContain("..").matches("\\p{Graph}+");
                }
            } else {
                // free text, but it must be able to travel as an environment value, alone
                assertThat(spec.service().codePoints().filter(Character::isISOControl)).as(quoted(value)).isEmpty();
            }
        } finally {
            Files.deleteIfExists(dir.resolve("train.yaml"));
            Files.delete(dir);
        }
    }

    /** Found by the property: a lone NEL written raw was read back by YAML as a space, not as the value. */
    @Example
    void unicodeLineBreaksInAValueAreThatValueInTheFileNotAFoldedSpace() throws IOException {
        for (String value : List.of("\u0085", "\u2028", "\u2029")) {
            aVersionOrServiceIsRefusedWhereItIsOrIsOnePlainPathSegment(value, true);
            aVersionOrServiceIsRefusedWhereItIsOrIsOnePlainPathSegment(value, false);
        }
    }

    @Example
    void aVersionThatClimbsIsRefusedNamingFileLineFieldAndValue() throws IOException {
        Path dir = Files.createTempDirectory("release-names");
        Path train = Files.writeString(dir.resolve("train.yaml"), "service: svc\nfleet: fleet.yaml\nversion: ../../etc/cron.d\n");
        try {
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> TrainSpecLoader.load(train));
            assertThat(e).isNotNull();
            ConfigProblem p = e.problems().get(0);
            assertThat(p).extracting(ConfigProblem::line, ConfigProblem::field, ConfigProblem::value).containsExactly(3, "version", "../../etc/cron.d");
            assertThat(e.getMessage()).contains("train.yaml:3:").contains("version").contains("'../../etc/cron.d'").contains("no '..'");
        } finally {
            Files.delete(train);
            Files.delete(dir);
        }
    }

    private static String quoted(String value) {
        try {
            // JSON leaves NEL and the Unicode line and paragraph separators raw, but YAML reads them as line
            // breaks and folds one inside a double-quoted scalar into a space: escape them so the file holds the value
            return JSON.writeValueAsString(value)
                    .replace("\u0085", "\\u0085")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
