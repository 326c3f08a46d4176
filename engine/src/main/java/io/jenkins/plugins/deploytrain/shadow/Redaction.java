package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recorded traffic can carry credentials (an Authorization header, a session cookie, an access
 * token in a body); the verdict keeps samples for people to read, so values under such keys are
 * replaced before a sample is kept.
 */
final class Redaction {
    static final TextNode REDACTED = TextNode.valueOf("<redacted>");

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i)(^|.*[-_])(authorization|proxy-authorization|cookie|set-cookie|token|secret|password|passwd"
                    + "|api[-_]?key|private[-_]?key|credentials?|session)($|[-_].*)");

    private Redaction() {}

    static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** Whether a pointer's own or any parent's key names a secret. */
    static boolean isSecretPath(String pointer) {
        for (String segment : pointer.split("/")) {
            if (!segment.isEmpty() && isSecretKey(JsonPointers.unescape(segment))) {
                return true;
            }
        }
        return false;
    }

    static JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), isSecretKey(field.getKey()) ? REDACTED : redact(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(redact(item)));
            return copy;
        }
        return node;
    }

    static Difference redact(Difference d) {
        if (isSecretPath(d.path())) {
            return new Difference(d.kind(), d.path(),
                    d.oldValue().isMissingNode() ? d.oldValue() : REDACTED,
                    d.newValue().isMissingNode() ? d.newValue() : REDACTED);
        }
        return new Difference(d.kind(), d.path(), redact(d.oldValue()), redact(d.newValue()));
    }
}
