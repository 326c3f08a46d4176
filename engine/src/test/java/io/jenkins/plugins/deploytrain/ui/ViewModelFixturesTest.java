package io.jenkins.plugins.deploytrain.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The browser tests' fixtures are view models as view-model.schema.json describes them, and the schema bites. */
class ViewModelFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> fixtures() {
        return Stream.of("train-24-start", "train-24-bake", "train-24-verify", "train-24-approval",
                "train-24-approval-readonly", "train-24-dedicated", "train-24-waiting", "train-24-done",
                "train-24-failed", "train-hostile", "train-24-perf", "train-24-perf-next", "train-500", "train-500-next");
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = ViewModelFixturesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static SchemaSubset schema() throws IOException {
        return new SchemaSubset(JSON.readTree(UiAssets.open("view-model.schema.json").orElseThrow().readAllBytes()));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixtureFollowsTheSchema(String name) throws IOException {
        assertThat(schema().violations(read(name + ".json"))).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheViewCannotRender() throws IOException {
        ObjectNode doc = (ObjectNode) read("train-24-approval.json");
        ObjectNode target = (ObjectNode) doc.at("/ledger-train/targets/3");
        target.put("status", "exploded");
        target.remove("zone");
        ((ObjectNode) doc.at("/ledger-train")).put("created", "yesterday");
        ((ObjectNode) doc.at("/awaiting")).withArray("choices").add("reboot");
        doc.remove("viewer");
        assertThat(schema().violations(doc)).containsExactlyInAnyOrder(
                ": required field viewer is missing",
                "/ledger-train/created: \"yesterday\" is not an ISO-8601 instant",
                "/ledger-train/targets/3: required field zone is missing",
                "/ledger-train/targets/3/status: \"exploded\" is not one of [\"pending\",\"deploying\",\"soaking\",\"verifying\",\"succeeded\",\"failed\",\"skipped\",\"paused\",\"awaiting-approval\"]",
                "/awaiting: matches 0 of the oneOf alternatives, not exactly one");
    }

    @Test
    void everyTargetStatusAppearsInSomeStage() throws IOException {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (String name : fixtures().toList()) {
            read(name + ".json").at("/ledger-train/targets").forEach(t -> seen.add(t.get("status").asText()));
        }
        assertThat(seen).containsExactlyInAnyOrder("pending", "deploying", "soaking", "verifying", "succeeded",
                "failed", "skipped", "paused", "awaiting-approval");
    }
}
