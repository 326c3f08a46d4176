package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    static final String FLEET = EXAMPLES.resolve("fleet.yaml").toString();
    static final String TRAIN = EXAMPLES.resolve("train.yaml").toString();
    static final String MONDAY = "2026-11-30T09:00+01:00";

    @Test
    void jsonHasTheAgreedShape() throws Exception {
        CliRun run = CliRun.of("plan", "--fleet", FLEET, "--train", TRAIN, "--start", MONDAY, "--format", "json", "--timezone", "Europe/Paris");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(run.out());
        List<String> keys = new ArrayList<>();
        plan.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).startsWith("eta", "steps");
        assertThat(plan.get("eta").asText()).isEqualTo("2026-12-08T08:30:00+01:00");
        assertThat(plan.get("steps")).hasSize(72);
        for (JsonNode step : plan.get("steps")) {
            assertThat(step.has("environment") && step.has("zone") && step.has("tier")).isTrue();
            assertThat(OffsetDateTime.parse(step.get("end").asText()).toInstant())
                    .isAfter(OffsetDateTime.parse(step.get("start").asText()).toInstant());
        }
        JsonNode first = plan.get("steps").get(0);
        assertThat(first.get("environment").asText()).isEqualTo("staging-aws-us-east-1");
        assertThat(first.get("zone").asText()).isEqualTo("us-east-1a");
        assertThat(first.get("tier").asText()).isEqualTo("staging");
        assertThat(first.get("start").asText()).isEqualTo("2026-11-30T09:00:00+01:00");
        assertThat(first.get("end").asText()).isEqualTo("2026-11-30T09:20:00+01:00");
        assertThat(plan.get("steps").get(71).get("tier").asText()).isEqualTo("dedicated");
    }

    @Test
    void theFleetDefaultsToTheOneTheTrainNames() {
        CliRun withFleet = CliRun.of("plan", "--fleet", FLEET, "--train", TRAIN, "--start", MONDAY, "--format", "json");
        CliRun fromTrain = CliRun.of("plan", "--train", TRAIN, "--start", MONDAY, "--format", "json");
        assertThat(fromTrain.exitCode()).isZero();
        assertThat(fromTrain.out()).isEqualTo(withFleet.out());
    }

    @Test
    void tableIsTheDefault() {
        CliRun run = CliRun.of("plan", "--train", TRAIN, "--start", MONDAY, "--timezone", "Europe/Paris");
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("payments-api 2026.11.26-1: 72 steps, times in Europe/Paris");
        assertThat(lines.get(1)).contains("ENVIRONMENT", "ZONE", "TIER", "START", "END");
        assertThat(lines.get(2)).contains("staging-aws-us-east-1", "us-east-1a", "staging", "Mon 2026-11-30 09:00 +01:00", "09:20", "15m soak");
        assertThat(lines.get(10)).contains("prod-aws-us-east-1", "us-east-1c", "primary", "12h bake");
        assertThat(lines).hasSize(2 + 72 + 1);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("ETA Tue 2026-12-08 08:30 +01:00 (the last soak over)");
    }

    @Test
    void htmlIsASelfContainedEscapedTimeline(@TempDir Path dir) throws Exception {
        Path train = Files.writeString(dir.resolve("train.yaml"),
                "service: \"<script>alert('x')</script>\"\nversion: 1.2\nfleet: " + FLEET + "\nbake: 2h\n");
        Path out = dir.resolve("plan.html");
        CliRun run = CliRun.of("plan", "--train", train.toString(), "--start", MONDAY, "--format", "html", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("plan of 72 steps written to " + out);
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "class=\"open\"", "prod-aws-us-east-1", "class=\"bake\"");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 1.2");
        assertThat(html).doesNotContain("<script").doesNotContain("http://", "https://").doesNotContain("src=");
        // one row label per environment, one bar per zone
        assertThat(html.split("class=\"label\"", -1)).hasSize(25);
        assertThat(html.split("<rect x=", -1)).hasSize(73);
    }

    @Test
    void anEnvironmentThatNeverOpensIsNamed(@TempDir Path dir) throws Exception {
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), """
                windows:
                  always: {timezone: UTC, hours: "00:00-24:00"}
                environments:
                  - {name: stuck, provider: aws, region: r, zones: [a], tier: production, blackouts: [always]}
                """);
        Path train = Files.writeString(dir.resolve("train.yaml"), "service: s\nversion: '1'\nfleet: fleet.yaml\n");
        CliRun run = CliRun.of("plan", "--train", train.toString(), "--start", MONDAY);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("cannot plan the train: environment 'stuck': no deploy window of 30 minutes");
    }

    @Test
    void badFilesAndBadOptions(@TempDir Path dir) throws Exception {
        Path train = Files.writeString(dir.resolve("train.yaml"), "service: s\nversion: '1'\nsoakAfterZone: 5 minutes\n");
        CliRun badTrain = CliRun.of("plan", "--fleet", FLEET, "--train", train.toString());
        assertThat(badTrain.exitCode()).isEqualTo(1);
        assertThat(badTrain.err()).startsWith("train.yaml:3:16: soakAfterZone: invalid duration '5 minutes'");

        Path noFleet = Files.writeString(dir.resolve("nofleet.yaml"), "service: s\nversion: '1'\n");
        CliRun missingFleet = CliRun.of("plan", "--train", noFleet.toString());
        assertThat(missingFleet.exitCode()).isEqualTo(2);
        assertThat(missingFleet.err()).contains("the train names no 'fleet'; give one with --fleet");

        CliRun badStart = CliRun.of("plan", "--train", TRAIN, "--start", "tomorrow");
        assertThat(badStart.exitCode()).isEqualTo(2);
        assertThat(badStart.err()).contains("'tomorrow' is not an ISO-8601 date-time with an offset");

        CliRun badFormat = CliRun.of("plan", "--train", TRAIN, "--format", "pdf");
        assertThat(badFormat.exitCode()).isEqualTo(2);
    }

    @Test
    void withoutStartItPlansFromNow() throws Exception {
        Instant before = Instant.now().minusSeconds(60);
        CliRun run = CliRun.of("plan", "--train", TRAIN, "--format", "json");
        Instant after = Instant.now();
        assertThat(run.exitCode()).isZero();
        Instant start = OffsetDateTime.parse(new ObjectMapper().readTree(run.out()).get("start").asText()).toInstant();
        assertThat(start).isBetween(before, after);
    }
}
