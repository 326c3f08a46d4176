package io.jenkins.plugins.deploytrain.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanReaderTest {

    private static List<RawChange> read(String json) throws Exception {
        List<RawChange> changes = new ArrayList<>();
        PlanReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "plan.json", changes::add);
        return changes;
    }

    private static List<String> problems(String json) {
        return catchThrowableOfType(PlanFormatException.class, () -> read(json)).problems().stream().map(PlanProblem::toString).toList();
    }

    @Test
    void readsResourceChangesOutputsAndDriftSkippingTheRest() throws Exception {
        List<RawChange> changes = read(TerraformFixtures.text("tfsummarize_module_for_each_two_instances_drift.json"));

        assertThat(changes).extracting(RawChange::kind).containsOnly(ChangeKind.RESOURCE, ChangeKind.OUTPUT, ChangeKind.DRIFT);
        assertThat(changes).filteredOn(c -> c.kind() == ChangeKind.DRIFT).hasSize(3);
        assertThat(changes).filteredOn(c -> c.kind() == ChangeKind.RESOURCE).hasSize(8);
        assertThat(changes).filteredOn(c -> c.kind() == ChangeKind.OUTPUT).hasSize(1);
    }

    @Test
    void everyStructuralProblemIsReportedWithLineAndField() {
        String plan = """
                {
                  "format_version": "1.2",
                  "resource_changes": [
                    {"address": "a.one", "change": {"actions": ["create", "explode"]}},
                    {"change": {"actions": ["create"]}},
                    "oops",
                    {"address": "a.two", "change": {"actions": ["update"], "after_sensitive": "yes"}}
                  ],
                  "output_changes": {"x": {"actions": []}}
                }
                """;

        assertThat(problems(plan)).containsExactly(
                "plan.json:4:5: resource_changes[0].change.actions: unknown action 'explode'; known: create, delete, forget, no-op, read, update",
                "plan.json:5:5: resource_changes[1].address: missing or not a string",
                "plan.json:6:5: resource_changes[2]: expected an object, got a string",
                "plan.json:7:5: resource_changes[3].change.after_sensitive: expected true, false, an object or an array, got a string",
                "plan.json:9:27: output_changes.x.actions: missing or not a non-empty array of actions");
    }

    @Test
    void notAPlan() {
        assertThat(problems("[1, 2]")).containsExactly("plan.json:1:1: expected a JSON object (the output of terraform show -json)");
        assertThat(problems("{\"resource_changes\": []}")).containsExactly("plan.json: format_version: missing; this is not the output of terraform show -json");
        assertThat(problems("{\"format_version\": 1.0}")).containsExactly("plan.json:1:20: format_version: expected a string such as \"1.2\", got a number");
        assertThat(problems("{\"format_version\": \"1.0\"} {}")).containsExactly("plan.json:1:27: unexpected content after the plan's closing brace");
    }

    @Test
    void aSyntaxErrorGivesLineAndColumnWithoutQuotingTheDocument() {
        List<String> problems = problems("{\n \"format_version\": \"1.0\",\n \"variables\": {\"db_password\": s3cr3t-value}}");

        assertThat(problems).singleElement().satisfies(p -> assertThat(p)
                .startsWith("plan.json:3:31: not valid JSON: ")
                .doesNotContain("s3cr3t"));
    }

    @Test
    void anEmptyPlanHasNoChanges() throws Exception {
        assertThat(read("{\"format_version\": \"1.2\", \"resource_changes\": null}")).isEmpty();
    }
}
