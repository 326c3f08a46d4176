package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    static final String FLEET = EXAMPLES.resolve("fleet.yaml").toString();
    static final String TRAIN = EXAMPLES.resolve("train.yaml").toString();

    @Test
    void theExamplesAreValid() {
        CliRun run = CliRun.of("validate", FLEET, TRAIN);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("OK fleet.yaml: 24 environments, 72 zones (aws 9, azure 7, gcp 8), 4 windows; "
                + "train.yaml: payments-api 2026.11.26-1, 72 steps\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFleetAloneIsValidated() {
        CliRun run = CliRun.of("validate", FLEET);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("OK fleet.yaml: 24 environments").doesNotContain("train");
    }

    @Test
    void everyProblemOfBothFilesIsPrintedWithItsLine(@TempDir Path dir) throws Exception {
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), """
                windows:
                  office: {timezone: Europe/Paris, hours: "09:00-17:00"}
                environments:
                  - name: a
                    provider: aws
                    region: eu-west-1
                    zones: [a1]
                    tier: prod
                  - name: a
                    provider: aws
                    region: eu-west-1
                    zones: [a1]
                    tier: production
                    allowed: [offices]
                """);
        Path train = Files.writeString(dir.resolve("train.yaml"), "service: pay\nversion: '1'\nbake: 12 hours\n");
        CliRun run = CliRun.of("validate", fleet.toString(), train.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("""
                fleet.yaml:8:11: environments[0].tier: unknown tier 'prod' (expected one of staging, shadow, primary, production, dedicated)
                fleet.yaml:9:11: environments[1].name: duplicate environment name 'a' (first at line 4)
                fleet.yaml:14:15: environments[1].allowed[0]: unknown window 'offices' (defined: office)
                train.yaml:3:7: bake: invalid duration '12 hours' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)
                4 problems
                """);
    }

    @Test
    void aMissingFileIsAProblemNotAStackTrace(@TempDir Path dir) {
        CliRun run = CliRun.of("validate", dir.resolve("nope.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nope.yaml: file not found").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void malformedYamlIsAProblemWithItsLine(@TempDir Path dir) throws Exception {
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), "environments:\n  - name: [a\n");
        CliRun run = CliRun.of("validate", fleet.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("fleet.yaml:").contains("not valid YAML").doesNotContain("\tat ");
    }

    @Test
    void withoutArgumentsItIsAUsageError() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter");
    }
}
