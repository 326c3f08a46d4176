package io.jenkins.plugins.deploytrain.fleetstate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fleet state's file form: the snapshot's JSON with a checksum of its canonical body, so a torn write or a
 * hand edit is detected as a ledger's is.
 */
final class FleetStateJson {
    private static final String CHECKSUM = "checksum";
    private static final ObjectMapper MAPPER = LedgerJson.mapper();

    private FleetStateJson() {}

    static byte[] render(FleetSnapshot state) {
        ObjectNode node = MAPPER.valueToTree(state);
        node.put(CHECKSUM, checksum(state));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fleet state always serializes", e);
        }
    }

    /** @throws IllegalArgumentException naming the problem (line and column for a parse error) */
    static FleetSnapshot parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        JsonNode version = object.get("schemaVersion");
        if (version != null && version.isInt() && version.intValue() > FleetSnapshot.SCHEMA_VERSION) {
            throw new IllegalArgumentException("field schemaVersion is " + version.intValue()
                    + ", written by a newer deploy-train (this one reads version " + FleetSnapshot.SCHEMA_VERSION + ")");
        }
        JsonNode stored = object.remove(CHECKSUM);
        if (stored == null || !stored.isTextual()) {
            throw new IllegalArgumentException("field checksum is missing");
        }
        FleetSnapshot state;
        try {
            state = MAPPER.treeToValue(object, FleetSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it does not match the fleet state's form: " + e.getOriginalMessage());
        }
        String actual = checksum(state);
        if (!actual.equals(stored.textValue())) {
            throw new IllegalArgumentException("field checksum is " + stored.textValue() + " but the content hashes to "
                    + actual + " (torn write or edited by hand)");
        }
        return state;
    }

    static String checksum(FleetSnapshot state) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(state);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fleet state always serializes", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
