package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A durable JSON document that carries the checksum of its canonical body (compact, properties in declaration
 * order, without the checksum): re-indenting the file keeps it valid, changing any value does not. The ledger's
 * snapshot and the fleet state are such documents.
 *
 * @param what the document's name in messages ("the ledger", "the fleet state")
 * @param schemaVersion the newest schema this code reads
 */
public record ChecksummedJson<T>(Class<T> type, String what, int schemaVersion) {
    public static final String CHECKSUM = "checksum";
    private static final String ALGORITHM = "sha256:";

    private static ObjectMapper mapper() {
        return LedgerJson.mapper();
    }

    /** A document's bytes and the checksum they carry. */
    public record Rendered(byte[] bytes, String checksum) {}

    /** A parsed document and its checksum. */
    public record Checked<T>(T value, String checksum) {}

    public Rendered render(T value) {
        ObjectNode node = mapper().valueToTree(value);
        String checksum = checksum(value);
        node.put(CHECKSUM, checksum);
        try {
            return new Rendered(mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node), checksum);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " always serializes", e);
        }
    }

    public String checksum(T value) {
        try {
            byte[] body = mapper().writeValueAsBytes(value);
            return ALGORITHM + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " always serializes", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Parses and checks a document's bytes.
     *
     * @throws IllegalArgumentException with the problem in words (line and column for a parse error)
     */
    public Checked<T> parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("it is not a JSON object (" + new String(bytes, 0, Math.min(bytes.length, 40), StandardCharsets.UTF_8) + ")");
        }
        JsonNode version = object.get("schemaVersion");
        if (version != null && version.isInt() && version.intValue() > schemaVersion) {
            throw new IllegalArgumentException("field schemaVersion is " + version.intValue()
                    + ", written by a newer deploy-train (this one reads version " + schemaVersion + ")");
        }
        JsonNode stored = object.remove(CHECKSUM);
        if (stored == null || !stored.isTextual()) {
            throw new IllegalArgumentException("field checksum is missing");
        }
        T value;
        try {
            value = mapper().treeToValue(object, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it does not match the schema of " + what + ": " + e.getOriginalMessage()
                    + (e instanceof JsonMappingException m ? " at " + m.getPathReference() : ""));
        }
        String actual = checksum(value);
        if (!actual.equals(stored.textValue())) {
            throw new IllegalArgumentException("field checksum is " + stored.textValue() + " but the content hashes to "
                    + actual + " (torn write or edited by hand)");
        }
        return new Checked<>(value, actual);
    }
}
