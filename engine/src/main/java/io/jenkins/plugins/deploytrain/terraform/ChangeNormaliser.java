package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one raw change into the form that is fingerprinted and diffed. What is kept, and why:
 * <ul>
 *   <li>the address (and previous address of a moved resource), the provider, the actions, the
 *       action reason, before, after, replace_paths and importing: what apply will do;</li>
 *   <li>the target's tokens become placeholders in every key and string, and in numbers that are
 *       exactly a token (an account id written as a number);</li>
 *   <li>sensitive values become {@link Marker.Sensitive} (a hash of their normalised value) and
 *       values unknown until apply become {@link Marker.Unknown}, so the masks themselves are
 *       not compared (Terraform versions disagree on how they spell an empty mask);</li>
 *   <li>noise goes: an attribute set to null is an absent attribute (Terraform's own rule), and in an
 *       update or replace an attribute whose before equals its after is no part of the change;</li>
 *   <li>mode, type, name, index and module_address are parts of the address; the provider's registry
 *       host is dropped ({@code aws}, {@code registry.terraform.io/hashicorp/aws} and
 *       {@code registry.opentofu.org/hashicorp/aws} are one provider); a deposed object's random key
 *       is replaced by a mark; identity and the plan's volatile fields (timestamps, versions,
 *       lineage) are never read.</li>
 * </ul>
 * A no-op change is dropped before it gets here (see {@link #isNoOp}).
 */
final class ChangeNormaliser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TokenReplacer tokens;

    ChangeNormaliser(PlanTokens tokens) {
        this.tokens = new TokenReplacer(tokens);
    }

    /** The key a change is known by in a plan's digest: its normalised address, marked by kind. */
    String key(RawChange change) {
        String address = tokens.replace(change.address());
        return switch (change.kind()) {
            case RESOURCE, DRIFT -> change.node().hasNonNull("deposed") ? address + " (deposed)" : address;
            case OUTPUT -> "output." + address;
        };
    }

    /** No-op changes are left out entirely: nothing happens to them, whatever their values say. */
    static boolean isNoOp(RawChange change) {
        JsonNode actions = actions(change);
        return actions.size() == 1 && "no-op".equals(actions.get(0).asText());
    }

    /** The normalised change; it is built from the raw change's own tree, which is spent afterwards. */
    ObjectNode normalise(RawChange raw) {
        JsonNode change = raw.kind() == ChangeKind.OUTPUT ? raw.node() : raw.node().path("change");
        ObjectNode out = NODES.objectNode();
        out.put("address", key(raw));
        if (raw.kind() != ChangeKind.OUTPUT) {
            putText(out, "previous_address", raw.node().get("previous_address"));
            putText(out, "provider", raw.node().get("provider_name"));
            if (out.has("provider")) {
                out.put("provider", canonicalProvider(out.get("provider").textValue()));
            }
            putText(out, "action_reason", raw.node().get("action_reason"));
        }
        out.set("actions", actions(raw));

        JsonNode before = redact(tokenise(change.path("before")), tokenise(change.path("before_sensitive")));
        JsonNode after = overlayUnknown(
                redact(tokenise(change.path("after")), tokenise(change.path("after_sensitive"))),
                tokenise(change.path("after_unknown")));
        if (before.isObject() && after.isObject()) {
            dropUnchanged((ObjectNode) before, (ObjectNode) after);
        }
        out.set("before", before.isMissingNode() ? NODES.nullNode() : before);
        out.set("after", after.isMissingNode() ? NODES.nullNode() : after);
        if (change.hasNonNull("replace_paths")) {
            out.set("replace_paths", tokenise(change.get("replace_paths")));
        }
        if (change.hasNonNull("importing")) {
            out.set("importing", tokenise(change.get("importing")));
        }
        return out;
    }

    private static JsonNode actions(RawChange raw) {
        return (raw.kind() == ChangeKind.OUTPUT ? raw.node() : raw.node().path("change")).path("actions");
    }

    private void putText(ObjectNode out, String field, JsonNode value) {
        if (value != null && value.isTextual()) {
            out.put(field, tokens.replace(value.textValue()));
        }
    }

    static String canonicalProvider(String provider) {
        String[] parts = provider.split("/");
        return switch (parts.length) {
            case 1 -> "hashicorp/" + provider;
            case 3 -> parts[0].equals("registry.terraform.io") || parts[0].equals("registry.opentofu.org")
                    ? parts[1] + "/" + parts[2]
                    : provider;
            default -> provider;
        };
    }

    /**
     * Replaces the tokens, in place, in every key and string, and in numbers that are a token;
     * drops object members set to null (null is absent in Terraform), while array elements keep
     * their place. Works on the tree just read for this one change, which nothing else holds, so it
     * need not copy a plan's worth of values.
     */
    JsonNode tokenise(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING -> {
                String replaced = tokens.replace(node.textValue());
                return replaced.equals(node.textValue()) ? node : TextNode.valueOf(replaced);
            }
            case NUMBER -> {
                String placeholder = tokens.hasNumericTokens() && node.isIntegralNumber() ? tokens.placeholderFor(node.asText()) : null;
                return placeholder == null ? node : TextNode.valueOf(placeholder);
            }
            case ARRAY -> {
                ArrayNode array = (ArrayNode) node;
                for (int i = 0; i < array.size(); i++) {
                    JsonNode element = array.get(i);
                    JsonNode replaced = tokenise(element);
                    if (replaced != element) {
                        array.set(i, replaced);
                    }
                }
                return array;
            }
            case OBJECT -> {
                ObjectNode object = (ObjectNode) node;
                // Most objects hold no token and no null: allocate only for those that do.
                List<String> removed = null;
                Map<String, JsonNode> replaced = null;
                for (Map.Entry<String, JsonNode> field : object.properties()) {
                    if (field.getValue().isNull()) {
                        removed = add(removed, field.getKey());
                        continue;
                    }
                    JsonNode value = tokenise(field.getValue());
                    String key = tokens.replace(field.getKey());
                    if (!key.equals(field.getKey())) {
                        removed = add(removed, field.getKey());
                    }
                    if (!key.equals(field.getKey()) || value != field.getValue()) {
                        replaced = replaced == null ? new LinkedHashMap<>() : replaced;
                        replaced.put(key, value);
                    }
                }
                if (removed != null) {
                    object.remove(removed);
                }
                if (replaced != null) {
                    object.setAll(replaced);
                }
                return object;
            }
            default -> {
                return node;
            }
        }
    }

    private static List<String> add(List<String> list, String name) {
        List<String> out = list == null ? new ArrayList<>() : list;
        out.add(name);
        return out;
    }

    /** Replaces, in place, every value the mask marks {@code true} by a hash of it. */
    private static JsonNode redact(JsonNode value, JsonNode mask) {
        if (mask.isBoolean() && mask.booleanValue()) {
            return value.isMissingNode() ? value : Marker.node(new Marker.Sensitive(new CanonicalDigest().digest(value)));
        }
        if (mask.isObject() && value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            mask.properties().forEach(m -> {
                if (object.has(m.getKey()) && containsTrue(m.getValue())) {
                    object.set(m.getKey(), redact(object.get(m.getKey()), m.getValue()));
                }
            });
        } else if (mask.isArray() && value.isArray()) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < Math.min(mask.size(), array.size()); i++) {
                array.set(i, redact(array.get(i), mask.get(i)));
            }
        }
        return value;
    }

    /** Puts {@link Marker.Unknown}, in place, wherever the mask says {@code true}. */
    private static JsonNode overlayUnknown(JsonNode value, JsonNode mask) {
        if (mask.isBoolean() && mask.booleanValue()) {
            return Marker.node(Marker.Unknown.INSTANCE);
        }
        if (!containsTrue(mask)) {
            return value;
        }
        if (mask.isObject()) {
            ObjectNode object = value.isObject() ? (ObjectNode) value : NODES.objectNode();
            mask.properties().forEach(m -> {
                JsonNode overlaid = overlayUnknown(object.path(m.getKey()), m.getValue());
                if (!overlaid.isMissingNode()) {
                    object.set(m.getKey(), overlaid);
                }
            });
            return object;
        }
        ArrayNode array = value.isArray() ? (ArrayNode) value : NODES.arrayNode();
        for (int i = 0; i < mask.size(); i++) {
            JsonNode overlaid = overlayUnknown(array.path(i), mask.get(i));
            if (i < array.size()) {
                array.set(i, overlaid);
            } else {
                array.add(overlaid.isMissingNode() ? NODES.nullNode() : overlaid);
            }
        }
        return array;
    }

    private static boolean containsTrue(JsonNode mask) {
        if (mask.isBoolean()) {
            return mask.booleanValue();
        }
        for (JsonNode child : mask) {
            if (containsTrue(child)) {
                return true;
            }
        }
        return false;
    }

    private static void dropUnchanged(ObjectNode before, ObjectNode after) {
        List<String> unchanged = new ArrayList<>();
        before.fieldNames().forEachRemaining(name -> {
            if (before.get(name).equals(after.get(name))) {
                unchanged.add(name);
            }
        });
        before.remove(unchanged);
        after.remove(unchanged);
    }
}
