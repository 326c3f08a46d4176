package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The structural diff against the RFC 6902 cases of zjsonpatch's test data: our operations must mean
 * what the expected patch means. Arrays are compared by index (by design: a shadow's reordered list
 * is a difference unless a rule says otherwise), so where the RFC moves or inserts inside an array,
 * the two patches may differ in form; there the proof is that both turn the first document into
 * the second.
 */
class JsonDiffRfc6902Test {

    private static final Comparator<JsonNode> NUMERIC = (x, y) -> x.isNumber() && y.isNumber()
            ? x.decimalValue().compareTo(y.decimalValue()) : (x.equals(y) ? 0 : 1);

    /** Cases whose expected patch only touches object members or appends: same operations, same pointers. */
    private static final Set<String> SAME_FORM = Set.of("A.1.", "A.3.", "A.5.", "A.10.", "A.11.", "A.16.");

    @TestFactory
    Stream<DynamicTest> diffCasesMeanTheExpectedPatch() {
        JsonNode cases = Fixtures.json("shadow-diff", "zjsonpatch_diff.json");
        return StreamSupport.stream(cases.spliterator(), false).map(c -> DynamicTest.dynamicTest(c.get("message").asText(), () -> {
            JsonNode first = c.get("first");
            JsonNode second = c.get("second");
            List<JsonNode> ours = patch(JsonDiff.diff(first, second));

            JsonPatchApplier expected = new JsonPatchApplier();
            assertThat(expected.apply(first, c.get("patch"))).isEqualTo(second);
            JsonPatchApplier actual = new JsonPatchApplier();
            assertThat(actual.apply(first, ours)).isEqualTo(second);

            // the same operations: adds and replaces at the same concrete pointers, the same values removed
            assertThat(touched(actual, "add")).containsExactlyInAnyOrderElementsOf(touched(expected, "add"));
            assertThat(touched(actual, "replace")).containsExactlyInAnyOrderElementsOf(touched(expected, "replace"));
            assertThat(removedValues(actual)).containsExactlyInAnyOrderElementsOf(removedValues(expected));
        }));
    }

    @TestFactory
    Stream<DynamicTest> rfcAppendixSamplesRoundTrip() {
        JsonNode ops = Fixtures.json("shadow-diff", "zjsonpatch_rfc6902-samples.json").get("ops");
        return StreamSupport.stream(ops.spliterator(), false).map(c -> DynamicTest.dynamicTest(c.get("message").asText(), () -> {
            JsonNode node = c.get("node");
            JsonNode expectedDoc = c.get("expected");
            List<JsonNode> ours = patch(JsonDiff.diff(node, expectedDoc));

            JsonPatchApplier actual = new JsonPatchApplier();
            assertThat(actual.apply(node, ours).equals(NUMERIC, expectedDoc)).isTrue();

            String message = c.get("message").asText();
            if (SAME_FORM.stream().anyMatch(message::startsWith)) {
                JsonPatchApplier expected = new JsonPatchApplier();
                expected.apply(node, c.get("op"));
                assertThat(actual.applied).containsExactlyInAnyOrderElementsOf(expected.applied);
            }
        }));
    }

    private static List<JsonNode> patch(List<Difference> diff) {
        return diff.stream().map(Difference::toPatchOperation).map(JsonNode.class::cast).toList();
    }

    private static List<String> touched(JsonPatchApplier applier, String op) {
        return applier.applied.stream().filter(a -> a.op().equals(op)).map(JsonPatchApplier.Applied::path).toList();
    }

    private static List<JsonNode> removedValues(JsonPatchApplier applier) {
        return applier.applied.stream().filter(a -> a.op().equals("remove")).map(JsonPatchApplier.Applied::removed).toList();
    }
}
