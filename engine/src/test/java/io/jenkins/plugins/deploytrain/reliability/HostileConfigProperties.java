package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fleet and train files mutated in hostile ways (deleted and duplicated lines, random bytes, alias bombs,
 * huge numbers, deep nesting, invalid UTF-8, long lines) either load or fail with a ConfigException whose
 * every problem names the file; never another exception type, never a hang.
 */
class HostileConfigProperties {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(HostileConfigProperties.class);

    @Property(tries = 100)
    void aMutatedFleetLoadsOrNamesTheFile(@ForAll @Size(min = 1, max = 4) List<YamlMutations> mutations,
            @ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("hostile-fleet");
        try {
            Path fleet = dir.resolve("fleet.yaml");
            Files.write(fleet, mutate(Files.readAllBytes(EXAMPLES.resolve("fleet.yaml")), mutations, seed));
            assertLoadsOrNamesTheFile("fleet.yaml", () -> FleetLoader.load(fleet));
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Property(tries = 100)
    void aMutatedTrainLoadsOrNamesTheFile(@ForAll @Size(min = 1, max = 4) List<YamlMutations> mutations,
            @ForAll long seed) throws IOException {
        Fleet fleet = FleetLoader.load(EXAMPLES.resolve("fleet.yaml"));
        Path dir = Files.createTempDirectory("hostile-train");
        try {
            Path train = dir.resolve("train.yaml");
            Files.copy(EXAMPLES.resolve("fleet.yaml"), dir.resolve("fleet.yaml"));
            Files.write(train, mutate(Files.readAllBytes(EXAMPLES.resolve("train.yaml")), mutations, seed));
            assertLoadsOrNamesTheFile("train.yaml", () -> TrainSpecLoader.load(train, fleet));
        } finally {
            TempDirs.delete(dir);
        }
    }

    @AfterContainer
    static void writeFigures() {
        FIGURES.write();
    }

    private static byte[] mutate(byte[] text, List<YamlMutations> mutations, long seed) {
        Random random = new Random(seed);
        byte[] result = text;
        for (YamlMutations mutation : mutations) {
            result = mutation.apply(result, random);
            FIGURES.count("mutation " + mutation.name().toLowerCase(java.util.Locale.ROOT));
        }
        return result;
    }

    private static void assertLoadsOrNamesTheFile(String file, Runnable load) {
        FIGURES.count("inputs fuzzed");
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                load.run();
                FIGURES.count("inputs accepted");
            } catch (ConfigException rejected) {
                FIGURES.count("inputs rejected with a located error");
                assertThat(rejected.problems()).isNotEmpty();
                for (ConfigProblem problem : rejected.problems()) {
                    assertThat(problem.file()).as("problem %s", problem).endsWith(file);
                    assertThat(problem.message()).as("problem %s", problem).isNotBlank();
                }
                assertThat(rejected.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
            }
        });
    }
}
