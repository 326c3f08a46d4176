package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A YAML document read into a tree that remembers where every value starts, so validation can name
 * the line and column of a bad value. Private to the rules loader until the shared config package
 * replaces it.
 */
final class LocatedYaml {

    record At(int line, int column) {
        static At of(JsonLocation location) {
            return new At(location.getLineNr(), location.getColumnNr());
        }
    }

    sealed interface Node permits MapNode, ListNode, Scalar {
        At at();

        String kind();
    }

    record Entry(At keyAt, Node value) {}

    record MapNode(Map<String, Entry> entries, At at) implements Node {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record ListNode(List<Node> items, At at) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar as written; {@code token} tells how YAML typed it (string, number, boolean, null). */
    record Scalar(String text, JsonToken token, At at) implements Node {
        @Override
        public String kind() {
            return switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "empty";
                default -> "a string";
            };
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    private static final YAMLFactory YAML = new YAMLFactory();

    private LocatedYaml() {}

    /**
     * Reads one document. Duplicate keys are reported through {@code duplicate} (the later one wins, as
     * in YAML 1.1 readers), so every problem of a file is seen at once.
     *
     * @return the root node, or null for an empty document
     * @throws IOException on a syntax error (with its location) or a read failure
     */
    static Node read(Reader reader, BiConsumer<String, At> duplicate) throws IOException {
        try (JsonParser parser = YAML.createParser(reader)) {
            JsonToken token = parser.nextToken();
            return token == null ? null : node(parser, duplicate);
        }
    }

    private static Node node(JsonParser parser, BiConsumer<String, At> duplicate) throws IOException {
        At at = At.of(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                At keyAt = At.of(parser.currentTokenLocation());
                parser.nextToken();
                Node value = node(parser, duplicate);
                if (entries.put(key, new Entry(keyAt, value)) != null) {
                    duplicate.accept(key, keyAt);
                }
            }
            return new MapNode(entries, at);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser, duplicate));
            }
            return new ListNode(items, at);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? "" : parser.getText(), token, at);
    }
}
