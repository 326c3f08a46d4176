package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ledger's JSON form. The checksum covers the canonical body (compact, properties in declaration
 * order, no checksum), so re-indenting the file keeps it valid but changing any value does not.
 */
public final class LedgerJson {

    static final String CHECKSUM = "checksum";
    private static final String ALGORITHM = "sha256:";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .build();

    private LedgerJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The file's bytes: the ledger with its checksum, indented for people who read it. */
    public static byte[] render(Ledger ledger) {
        return renderChecked(ledger).bytes();
    }

    /** A snapshot's bytes and the checksum they carry (the journal names the snapshot it continues by it). */
    record Rendered(byte[] bytes, String checksum) {}

    static Rendered renderChecked(Ledger ledger) {
        ObjectNode node = MAPPER.valueToTree(ledger);
        String checksum = checksum(ledger);
        node.put(CHECKSUM, checksum);
        try {
            return new Rendered(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node), checksum);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ledger always serializes", e);
        }
    }

    /** The ledger as JSON without checksum, e.g. for the REST API. */
    public static String toJson(Ledger ledger) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ledger);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ledger always serializes", e);
        }
    }

    public static String checksum(Ledger ledger) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(ledger);
            return ALGORITHM + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ledger always serializes", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Parses and checks the file's bytes.
     *
     * @throws IllegalArgumentException with the problem in words (line and column for a parse error)
     */
    public static Ledger parse(byte[] bytes) {
        return parseChecked(bytes).ledger();
    }

    /** A parsed snapshot and its checksum. */
    record Checked(Ledger ledger, String checksum) {}

    static Checked parseChecked(byte[] bytes) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
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
        if (version != null && version.isInt() && version.intValue() > Ledger.SCHEMA_VERSION) {
            throw new IllegalArgumentException("field schemaVersion is " + version.intValue()
                    + ", written by a newer deploy-train (this one reads version " + Ledger.SCHEMA_VERSION + ")");
        }
        JsonNode stored = object.remove(CHECKSUM);
        if (stored == null || !stored.isTextual()) {
            throw new IllegalArgumentException("field checksum is missing");
        }
        Ledger ledger;
        try {
            ledger = MAPPER.treeToValue(object, Ledger.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it does not match the ledger schema: " + e.getOriginalMessage()
                    + (e instanceof JsonMappingException m ? " at " + m.getPathReference() : ""));
        }
        String actual = checksum(ledger);
        if (!actual.equals(stored.textValue())) {
            throw new IllegalArgumentException("field checksum is " + stored.textValue() + " but the content hashes to "
                    + actual + " (torn write or edited by hand)");
        }
        return new Checked(ledger, actual);
    }
}
