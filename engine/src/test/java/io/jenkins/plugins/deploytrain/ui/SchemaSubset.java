package io.jenkins.plugins.deploytrain.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a JSON document against the part of JSON Schema that view-model.schema.json uses (type,
 * required, properties, items, enum, oneOf, minimum, local $ref, date-time format), listing every
 * violation with its JSON pointer. Enough to hold the fixtures and the schema to each other.
 */
final class SchemaSubset {

    private final JsonNode root;

    SchemaSubset(JsonNode root) {
        this.root = root;
    }

    List<String> violations(JsonNode document) {
        List<String> out = new ArrayList<>();
        check(root, document, "", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            check(root.at(ref.substring(1)), value, at, out);
            return;
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            for (JsonNode option : schema.get("oneOf")) {
                if (violationsOf(option, value, at).isEmpty()) {
                    matches++;
                }
            }
            if (matches != 1) {
                out.add(at + ": matches " + matches + " of the oneOf alternatives, not exactly one");
            }
            return;
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            out.add(at + ": expected " + schema.get("type") + " but is " + value.getNodeType() + " " + abbreviate(value));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                out.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && value.isNumber() && value.asLong() < schema.get("minimum").asLong()) {
            out.add(at + ": " + value + " is below " + schema.get("minimum"));
        }
        if ("date-time".equals(schema.path("format").asText()) && value.isTextual()) {
            try {
                Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                out.add(at + ": " + value + " is not an ISO-8601 instant");
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    out.add(at + ": required field " + name.asText() + " is missing");
                }
            }
            schema.path("properties").fields().forEachRemaining(p -> {
                if (value.has(p.getKey())) {
                    check(p.getValue(), value.get(p.getKey()), at + "/" + p.getKey(), out);
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "/" + i, out);
            }
        }
    }

    private List<String> violationsOf(JsonNode schema, JsonNode value, String at) {
        List<String> out = new ArrayList<>();
        check(schema, value, at, out);
        return out;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("schema type " + type + " is outside the subset");
        };
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
