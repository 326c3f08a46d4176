package io.jenkins.plugins.deploytrain.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The fingerprint ignores key order, resource order and token names, and nothing else. */
class FingerprintProperties {

    private static PlanDigest fingerprint(JsonNode plan, PlanTokens tokens) throws Exception {
        byte[] json = GeneratedPlan.MAPPER.writeValueAsBytes(plan);
        return new PlanFingerprinter(tokens).fingerprint(new ByteArrayInputStream(json), "generated.json");
    }

    @Property(tries = 200)
    void keyOrderDoesNotMatter(@ForAll long seed, @ForAll long shuffleSeed) throws Exception {
        PlanTokens tokens = GeneratedPlan.target(0);
        ObjectNode plan = new GeneratedPlan(seed).render(tokens);
        JsonNode shuffled = GeneratedPlan.shuffleKeys(plan, new Random(shuffleSeed));

        assertThat(fingerprint(shuffled, tokens).fingerprint()).isEqualTo(fingerprint(plan, tokens).fingerprint());
    }

    @Property(tries = 200)
    void resourceOrderDoesNotMatter(@ForAll long seed, @ForAll long shuffleSeed) throws Exception {
        PlanTokens tokens = GeneratedPlan.target(0);
        ObjectNode plan = new GeneratedPlan(seed).render(tokens);
        ObjectNode reordered = plan.deepCopy();
        List<JsonNode> changes = new ArrayList<>();
        plan.get("resource_changes").forEach(changes::add);
        Collections.shuffle(changes, new Random(shuffleSeed));
        ((ArrayNode) reordered.get("resource_changes")).removeAll().addAll(changes);

        assertThat(fingerprint(reordered, tokens).fingerprint()).isEqualTo(fingerprint(plan, tokens).fingerprint());
    }

    @Property(tries = 200)
    void tokenNamesDoNotMatter(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int a, @ForAll @IntRange(min = 0, max = 3) int b)
            throws Exception {
        GeneratedPlan plan = new GeneratedPlan(seed);
        PlanTokens first = GeneratedPlan.target(a);
        PlanTokens second = GeneratedPlan.target(b);

        assertThat(fingerprint(plan.render(second), second).fingerprint())
                .isEqualTo(fingerprint(plan.render(first), first).fingerprint());
    }

    @Property(tries = 300)
    void anyOtherValueChangeChangesTheFingerprint(@ForAll long seed, @ForAll @IntRange(min = 0, max = 10_000) int pick) throws Exception {
        PlanTokens tokens = GeneratedPlan.target(1);
        ObjectNode plan = new GeneratedPlan(seed).render(tokens);
        List<Leaf> leaves = new ArrayList<>();
        plan.get("resource_changes").forEach(rc -> {
            leaves.add(new Leaf((ObjectNode) rc, "address"));
            collectLeaves(rc.get("change").get("before"), leaves);
            collectLeaves(rc.get("change").get("after"), leaves);
        });
        plan.get("output_changes").forEach(output -> leaves.add(new Leaf((ObjectNode) output, "after")));
        String original = fingerprint(plan, tokens).fingerprint();

        leaves.get(pick % leaves.size()).mutate();

        assertThat(fingerprint(plan, tokens).fingerprint()).isNotEqualTo(original);
    }

    /** A string, number or boolean member of an object (array elements are reached through their index). */
    private record Leaf(JsonNode parent, Object key) {
        void mutate() {
            JsonNode value = key instanceof String name ? parent.get(name) : parent.get((Integer) key);
            JsonNode changed = value.isTextual() ? TextNode.valueOf(value.textValue() + "~")
                    : value.isNumber() ? IntNode.valueOf(value.intValue() + 1)
                    : BooleanNode.valueOf(!value.booleanValue());
            if (key instanceof String name) {
                ((ObjectNode) parent).set(name, changed);
            } else {
                ((ArrayNode) parent).set((Integer) key, changed);
            }
        }
    }

    private static void collectLeaves(JsonNode node, List<Leaf> leaves) {
        if (node.isObject()) {
            node.properties().forEach(f -> {
                if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                    leaves.add(new Leaf(node, f.getKey()));
                } else {
                    collectLeaves(f.getValue(), leaves);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isValueNode() && !node.get(i).isNull()) {
                    leaves.add(new Leaf(node, i));
                } else {
                    collectLeaves(node.get(i), leaves);
                }
            }
        }
    }
}
