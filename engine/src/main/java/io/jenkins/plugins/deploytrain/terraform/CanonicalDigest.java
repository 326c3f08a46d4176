package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of a JSON tree in a canonical, unambiguous encoding: object keys sorted, every value
 * tagged with its type and strings length-prefixed (so {@code ["ab"]} and {@code ["a","b"]} never
 * collide), numbers by value ({@code 1}, {@code 1.0} and {@code 1e0} are one number).
 */
final class CanonicalDigest {

    private final MessageDigest sha256;

    CanonicalDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    byte[] digest(JsonNode node) {
        update(node);
        return sha256.digest();
    }

    String hex(JsonNode node) {
        return HexFormat.of().formatHex(digest(node));
    }

    /** Adds a length-prefixed string to the running digest (for the fingerprint's entries). */
    void updateString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        updateInt(bytes.length);
        sha256.update(bytes);
    }

    String finishHex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    private void update(JsonNode node) {
        Marker marker = Marker.of(node);
        if (marker instanceof Marker.Sensitive s) {
            sha256.update((byte) 'S');
            sha256.update(s.hash());
            return;
        }
        if (marker instanceof Marker.Unknown) {
            sha256.update((byte) 'U');
            return;
        }
        switch (node.getNodeType()) {
            case NULL, MISSING -> sha256.update((byte) 'n');
            case BOOLEAN -> sha256.update((byte) (node.booleanValue() ? 't' : 'f'));
            case NUMBER -> {
                sha256.update((byte) 'd');
                updateString(canonicalNumber(node));
            }
            case STRING -> {
                sha256.update((byte) 's');
                updateString(node.textValue());
            }
            case ARRAY -> {
                sha256.update((byte) '[');
                updateInt(node.size());
                node.forEach(this::update);
            }
            case OBJECT -> {
                sha256.update((byte) '{');
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
                Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
                it.forEachRemaining(fields::add);
                fields.sort(Map.Entry.comparingByKey());
                updateInt(fields.size());
                for (Map.Entry<String, JsonNode> field : fields) {
                    updateString(field.getKey());
                    update(field.getValue());
                }
            }
            default -> throw new IllegalStateException("a plan holds JSON only, not " + node.getNodeType());
        }
    }

    static String canonicalNumber(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Long.toString(node.longValue());
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        if (value.signum() == 0) {
            return "0";
        }
        // Plain notation so 1e2 and 100 agree; scientific only where plain would be absurdly long.
        return Math.abs(value.scale()) <= 1000 ? value.toPlainString() : value.toString();
    }

    private void updateInt(int value) {
        sha256.update((byte) (value >>> 24));
        sha256.update((byte) (value >>> 16));
        sha256.update((byte) (value >>> 8));
        sha256.update((byte) value);
    }
}
