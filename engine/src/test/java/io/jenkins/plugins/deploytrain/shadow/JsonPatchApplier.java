package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies RFC 6902 add, remove, replace, move and copy operations, independently of the differ, so
 * tests can check that a diff means what the RFC's own patches mean. Records, for each operation,
 * the concrete pointer it touched ("/-" resolved to the index it appended at) and the removed value.
 */
final class JsonPatchApplier {

    record Applied(String op, String path, JsonNode removed) {}

    final List<Applied> applied = new ArrayList<>();

    JsonNode apply(JsonNode document, Iterable<? extends JsonNode> patch) {
        JsonNode doc = document.deepCopy();
        for (JsonNode op : patch) {
            doc = applyOne(doc, op);
        }
        return doc;
    }

    private JsonNode applyOne(JsonNode doc, JsonNode op) {
        String kind = op.get("op").asText();
        String path = op.get("path").asText();
        return switch (kind) {
            case "add" -> add(doc, path, op.get("value").deepCopy(), kind);
            case "remove" -> remove(doc, path, kind);
            case "replace" -> add(remove(doc, path, null), path, op.get("value").deepCopy(), kind);
            case "move" -> {
                JsonNode value = at(doc, op.get("from").asText());
                JsonNode without = remove(doc, op.get("from").asText(), null);
                yield add(without, path, value, null);
            }
            case "copy" -> add(doc, path, at(doc, op.get("from").asText()).deepCopy(), kind);
            default -> throw new IllegalArgumentException("unsupported op " + kind);
        };
    }

    private JsonNode add(JsonNode doc, String path, JsonNode value, String record) {
        if (path.isEmpty()) {
            log(record, path, null);
            return value;
        }
        int cut = path.lastIndexOf('/');
        JsonNode parent = at(doc, path.substring(0, cut));
        String last = JsonPointers.unescape(path.substring(cut + 1));
        if (parent instanceof ArrayNode array) {
            int index = last.equals("-") ? array.size() : Integer.parseInt(last);
            if (index > array.size()) {
                throw new IllegalArgumentException("index out of bounds: " + path);
            }
            array.insert(index, value);
            log(record, path.substring(0, cut) + "/" + index, null);
        } else if (parent instanceof ObjectNode object) {
            object.set(last, value);
            log(record, path, null);
        } else {
            throw new IllegalArgumentException("no container at " + path);
        }
        return doc;
    }

    private JsonNode remove(JsonNode doc, String path, String record) {
        if (path.isEmpty()) {
            log(record, path, doc);
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        int cut = path.lastIndexOf('/');
        JsonNode parent = at(doc, path.substring(0, cut));
        String last = JsonPointers.unescape(path.substring(cut + 1));
        JsonNode removed;
        if (parent instanceof ArrayNode array) {
            removed = array.remove(Integer.parseInt(last));
        } else {
            removed = ((ObjectNode) parent).remove(last);
        }
        if (removed == null) {
            throw new IllegalArgumentException("nothing to remove at " + path);
        }
        log(record, path, removed);
        return doc;
    }

    private void log(String op, String path, JsonNode removed) {
        if (op != null) {
            applied.add(new Applied(op, path, removed));
        }
    }

    private static JsonNode at(JsonNode doc, String pointer) {
        JsonNode node = doc.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no value at " + pointer);
        }
        return node;
    }
}
