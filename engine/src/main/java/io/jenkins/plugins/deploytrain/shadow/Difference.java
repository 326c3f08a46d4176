package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One difference at a JSON pointer. An absent side is a {@link MissingNode}, so that an explicit
 * JSON {@code null} stays distinguishable from "no such field".
 */
public record Difference(ChangeKind kind, String path, JsonNode oldValue, JsonNode newValue) {

    public static Difference added(String path, JsonNode newValue) {
        return new Difference(ChangeKind.ADDED, path, MissingNode.getInstance(), newValue);
    }

    public static Difference removed(String path, JsonNode oldValue) {
        return new Difference(ChangeKind.REMOVED, path, oldValue, MissingNode.getInstance());
    }

    public static Difference changed(String path, JsonNode oldValue, JsonNode newValue) {
        return new Difference(ChangeKind.CHANGED, path, oldValue, newValue);
    }

    /**
     * The RFC 6902 operation that turns the old value into the new one. The differ lists array
     * removals from the highest index down, so the operations of one diff apply in order.
     */
    public ObjectNode toPatchOperation() {
        ObjectNode op = JsonNodeFactory.instance.objectNode();
        op.put("op", switch (kind) {
            case ADDED -> "add";
            case REMOVED -> "remove";
            case CHANGED -> "replace";
        });
        op.put("path", path);
        if (kind != ChangeKind.REMOVED) {
            op.set("value", newValue);
        }
        return op;
    }
}
