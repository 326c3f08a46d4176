package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random plan in the shape of {@code terraform show -json}, written as a template whose strings
 * and keys hold {@code <env>}, {@code <region>}, {@code <zone1>}... where a target's tokens go, so
 * the same plan can be rendered for any target. Words are lowercase letters only and never a token,
 * and tokens always sit between separators, as in real names, ARNs and hostnames.
 */
final class GeneratedPlan {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] SEPARATORS = {"-", "_", ":", "/", "."};
    private static final String[] TOKENS = {"env", "region", "zone1", "zone2", "account", "cell"};
    private static final Set<String> TOKEN_WORDS = Set.of("prod", "staging", "canary", "blue", "green", "red");

    private final Random random;
    private final ObjectNode template;

    GeneratedPlan(long seed) {
        this.random = new Random(seed);
        this.template = plan();
    }

    /**
     * Tokens for target number {@code n} (0..3); each target's tokens differ from every other's, and
     * so do the letters of its zones (us-east-1a is the first zone of one target, eu-west-1b of another).
     */
    static PlanTokens target(int n) {
        // AWS zones append a letter to the region; GCP zones append "-" and a letter, so a region
        // matches at the start of its zone unless zones are replaced first.
        String[] regions = {"us-east-1", "eu-west-1", "europe-west2", "asia-east1"};
        String[] zoneSeparator = {"", "", "-", "-"};
        String[] envs = {"prod", "staging", "canary", "prod-eu"};
        String[] cells = {"blue", "green", "red", "blue-two"};
        return PlanTokens.parse("env=" + envs[n] + ",region=" + regions[n] + ",zones=" + regions[n] + zoneSeparator[n] + "abcd".charAt(n) + "|" + regions[n] + zoneSeparator[n] + "bcda".charAt(n)
                + ",account=" + (100000000000L + 111111111L * (n + 1)) + ",cell=" + cells[n]);
    }

    /** The plan as planned for a target, object keys in generation order. */
    ObjectNode render(PlanTokens tokens) {
        return (ObjectNode) render(template, tokens.values());
    }

    private static JsonNode render(JsonNode node, Map<String, String> tokens) {
        if (node.isTextual()) {
            return TextNode.valueOf(fill(node.textValue(), tokens));
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(e -> copy.add(render(e, tokens)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.properties().forEach(f -> copy.set(fill(f.getKey(), tokens), render(f.getValue(), tokens)));
            return copy;
        }
        return node;
    }

    private static String fill(String text, Map<String, String> tokens) {
        String out = text;
        for (var token : tokens.entrySet()) {
            out = out.replace("<" + token.getKey() + ">", token.getValue());
        }
        return out;
    }

    /** A copy with every object's keys in a random order. */
    static JsonNode shuffleKeys(JsonNode node, Random random) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(e -> copy.add(shuffleKeys(e, random)));
            return copy;
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, random);
            ObjectNode copy = NODES.objectNode();
            names.forEach(name -> copy.set(name, shuffleKeys(node.get(name), random)));
            return copy;
        }
        return node;
    }

    private ObjectNode plan() {
        ObjectNode plan = NODES.objectNode();
        plan.put("format_version", random.nextBoolean() ? "1.2" : "0.1");
        plan.put("terraform_version", "1." + random.nextInt(12) + ".0");
        ArrayNode changes = plan.putArray("resource_changes");
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            changes.add(resourceChange(i));
        }
        ObjectNode outputs = plan.putObject("output_changes");
        for (int i = random.nextInt(3); i > 0; i--) {
            ObjectNode output = outputs.putObject(word() + i);
            output.putArray("actions").add("create");
            output.putNull("before");
            output.set("after", text());
            output.put("after_unknown", false);
            output.put("before_sensitive", false);
            output.put("after_sensitive", random.nextBoolean());
        }
        return plan;
    }

    private ObjectNode resourceChange(int index) {
        String type = "aws_" + word();
        String name = word() + index + (random.nextBoolean() ? "_<region>" : "");
        ObjectNode rc = NODES.objectNode();
        rc.put("address", type + "." + name);
        rc.put("mode", "managed");
        rc.put("type", type);
        rc.put("name", name);
        rc.put("provider_name", random.nextBoolean() ? "registry.terraform.io/hashicorp/aws" : "aws");
        ObjectNode change = rc.putObject("change");
        String action = List.of("create", "update", "delete", "replace").get(random.nextInt(4));
        ArrayNode actions = change.putArray("actions");
        if (action.equals("replace")) {
            actions.add("delete").add("create");
        } else {
            actions.add(action);
        }
        ObjectNode after = attributes(2);
        ObjectNode before = action.equals("create") ? null : action.equals("delete") ? after : mutatedCopy(after);
        change.set("before", before == null ? NODES.nullNode() : before);
        change.set("after", action.equals("delete") ? NODES.nullNode() : after);
        ObjectNode unknown = NODES.objectNode();
        if (!action.equals("delete") && random.nextBoolean()) {
            unknown.put("id", true);
            unknown.put("arn", true);
            after.remove(List.of("id", "arn"));
        }
        change.set("after_unknown", unknown);
        change.set("before_sensitive", before == null ? NODES.booleanNode(false) : sensitiveMask(before));
        change.set("after_sensitive", action.equals("delete") ? NODES.booleanNode(false) : sensitiveMask(after));
        return rc;
    }

    private ObjectNode attributes(int depth) {
        ObjectNode object = NODES.objectNode();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            String key = random.nextInt(8) == 0 ? "<env>_" + word() : word();
            object.set(key, value(depth));
        }
        return object;
    }

    private JsonNode value(int depth) {
        return switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0, 1 -> text();
            case 2 -> NODES.numberNode(random.nextInt(100000));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> random.nextInt(4) == 0 ? NODES.nullNode() : text();
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i >= 0; i--) {
                    array.add(value(depth - 1));
                }
                yield array;
            }
            default -> attributes(depth - 1);
        };
    }

    private TextNode text() {
        StringBuilder text = new StringBuilder(random.nextInt(6) == 0 ? "arn:aws:s3:<region>:<account>:" : "");
        for (int parts = 1 + random.nextInt(4); parts > 0; parts--) {
            text.append(random.nextInt(3) == 0 ? "<" + TOKENS[random.nextInt(TOKENS.length)] + ">" : word());
            if (parts > 1) {
                text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
        }
        return TextNode.valueOf(text.toString());
    }

    private String word() {
        while (true) {
            StringBuilder word = new StringBuilder();
            for (int n = 3 + random.nextInt(6); n > 0; n--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            if (!TOKEN_WORDS.contains(word.toString())) {
                return word.toString();
            }
        }
    }

    private ObjectNode mutatedCopy(ObjectNode after) {
        ObjectNode before = after.deepCopy();
        String first = before.fieldNames().next();
        before.set(first, TextNode.valueOf(word() + "-old"));
        return before;
    }

    private JsonNode sensitiveMask(ObjectNode values) {
        ObjectNode mask = NODES.objectNode();
        values.fieldNames().forEachRemaining(name -> {
            if (random.nextInt(5) == 0) {
                mask.put(name, true);
            }
        });
        return mask;
    }
}
