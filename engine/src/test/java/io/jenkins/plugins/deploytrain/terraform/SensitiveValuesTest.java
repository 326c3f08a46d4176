package io.jenkins.plugins.deploytrain.terraform;

import static io.jenkins.plugins.deploytrain.terraform.TerraformFixtures.text;
import static io.jenkins.plugins.deploytrain.terraform.TerraformFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret planted in a plan where Terraform marks it sensitive (a resource attribute, before and
 * after, an output) never shows: not in a diff, a digest, a normalised change, nor an exception.
 */
class SensitiveValuesTest {

    private static final String SECRET = "Pa55w0rd-hunter2";
    private static final String OTHER_SECRET = "Pa55w0rd-correcthorse";

    @TempDir
    Path tmp;

    /** The OpenTofu sensitive-values plan, its "boop" replaced by a secret, and made an update so before is sensitive too. */
    private Path plan(String name, String secret) {
        String plan = text("opentofu_showjson_sensitive-values.json")
                .replace("\"before\": null,\n                \"after\": {", "\"before\": {\"ami\": \"" + secret + "-old\"},\n                \"after\": {")
                .replace("\"before_sensitive\": false\n            }", "\"before_sensitive\": {\"ami\": true}\n            }")
                .replace("boop", secret);
        assertThat(plan).contains("\"before\": {\"ami\": \"" + secret + "-old\"}").contains("\"before_sensitive\": {\"ami\": true}");
        return write(tmp, name, plan);
    }

    @Test
    void aChangedSecretIsReportedWithoutItsValue() throws Exception {
        PlanComparison result = new PlanComparator().compare(
                new PlanFile(plan("candidate.json", OTHER_SECRET), PlanTokens.none()),
                List.of(new PlanFile(plan("approved.json", SECRET), PlanTokens.none())));

        assertThat(result).isInstanceOfSatisfying(PlanComparison.Different.class, different -> {
            assertThat(different.differences()).extracting(ResourceDifference::address).containsExactly("output.test", "test_instance.test");
            assertThat(different.differences().get(0).attributes()).containsExactly(
                    new AttributeDifference("after", "(sensitive)", "(sensitive, a different value)"));
            assertThat(different.differences().get(1).attributes()).containsExactly(
                    new AttributeDifference("after.ami", "(sensitive)", "(sensitive, a different value)"),
                    new AttributeDifference("before.ami", "(sensitive)", "(sensitive, a different value)"));
        });
        assertThat(result.toString()).doesNotContain("Pa55w0rd", "hunter2", "correcthorse");
    }

    @Test
    void theSameSecretComparesEqual() throws Exception {
        PlanComparison result = new PlanComparator().compare(
                new PlanFile(plan("candidate.json", SECRET), PlanTokens.none()),
                List.of(new PlanFile(plan("approved.json", SECRET), PlanTokens.none())));

        assertThat(result).isInstanceOf(PlanComparison.Identical.class);
        assertThat(result.toString()).doesNotContain("Pa55w0rd");
    }

    @Test
    void normalisedChangesShowOnlyTheLabel() throws Exception {
        List<ObjectNode> normalised = new ArrayList<>();
        PlanReader.read(plan("plan.json", SECRET), new NormalisedChanges(PlanTokens.none(), key -> true,
                (kind, key, node) -> normalised.add(node)));

        assertThat(normalised).hasSize(2);
        assertThat(normalised.toString()).contains("(sensitive)").doesNotContain("Pa55w0rd");
        assertThat(DisplayValue.render(normalised.get(0))).contains("(sensitive)").doesNotContain("Pa55w0rd");
    }

    @Test
    void exceptionsDoNotQuoteThePlan() throws Exception {
        Path broken = write(tmp, "broken.json", text("opentofu_showjson_sensitive-values.json")
                .replace("\"after\": \"boop\"", "\"after\": " + SECRET)
                .replace("\"actions\": [\n                \"create\"\n            ]", "\"actions\": [\"" + SECRET + "\"]"));
        Path invalid = write(tmp, "invalid.json", text("opentofu_showjson_sensitive-values.json")
                .replace("\"after_sensitive\": {\n                  \"ami\": true\n                }", "\"after_sensitive\": \"" + SECRET + "\""));

        for (Path plan : List.of(broken, invalid)) {
            PlanFormatException e = catchThrowableOfType(PlanFormatException.class,
                    () -> new PlanFingerprinter(PlanTokens.none()).fingerprint(plan));
            assertThat(e).as(plan.toString()).isNotNull();
            assertThat(e.getMessage()).doesNotContain("Pa55w0rd", "hunter2");
            assertThat(e.problems().toString()).doesNotContain("Pa55w0rd", "hunter2");
        }
    }
}
