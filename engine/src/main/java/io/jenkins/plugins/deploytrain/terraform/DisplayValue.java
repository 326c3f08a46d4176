package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Renders a normalised value for people: compact JSON, markers as their labels, long values cut. */
final class DisplayValue {

    static final int MAX_LENGTH = 240;

    private DisplayValue() {}

    static String render(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "(absent)";
        }
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH) + "…";
    }

    private static void append(StringBuilder out, JsonNode node) {
        if (out.length() > MAX_LENGTH) {
            return;
        }
        Marker marker = Marker.of(node);
        if (marker != null) {
            out.append(marker.label());
        } else if (node.isTextual()) {
            quote(out, node.textValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                append(out, node.get(i));
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(first ? "" : ",");
                first = false;
                quote(out, field.getKey());
                out.append(':');
                append(out, field.getValue());
            }
            out.append('}');
        } else if (node.isNumber()) {
            out.append(CanonicalDigest.canonicalNumber(node));
        } else {
            out.append(node.asText());
        }
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }
}
