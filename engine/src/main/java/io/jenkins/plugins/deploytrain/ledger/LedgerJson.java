package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The ledger's JSON form. The checksum covers the canonical body (compact, properties in declaration
 * order, no checksum), so re-indenting the file keeps it valid but changing any value does not.
 */
public final class LedgerJson {

    static final String CHECKSUM = ChecksummedJson.CHECKSUM;

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

    private static final ChecksummedJson<Ledger> DOCUMENT = new ChecksummedJson<>(Ledger.class, "the ledger", Ledger.SCHEMA_VERSION);

    /** The file's bytes: the ledger with its checksum, indented for people who read it. */
    public static byte[] render(Ledger ledger) {
        return renderChecked(ledger).bytes();
    }

    /** A snapshot's bytes and the checksum they carry (the journal names the snapshot it continues by it). */
    record Rendered(byte[] bytes, String checksum) {}

    static Rendered renderChecked(Ledger ledger) {
        ChecksummedJson.Rendered rendered = DOCUMENT.render(ledger);
        return new Rendered(rendered.bytes(), rendered.checksum());
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
        return DOCUMENT.checksum(ledger);
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
        ChecksummedJson.Checked<Ledger> checked = DOCUMENT.parse(bytes);
        return new Checked(checked.value(), checked.checksum());
    }
}
