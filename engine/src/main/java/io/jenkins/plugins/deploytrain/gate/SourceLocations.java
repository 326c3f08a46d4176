package io.jenkins.plugins.deploytrain.gate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed YAML document together with the line and column of every key and array element,
 * by JSON pointer, so validation can name the line of a bad value (JsonNode forgets where it came from).
 */
public record SourceLocations(String file, JsonNode root, Map<String, Position> positions) {

    public record Position(int line, int column) {
    }

    public static SourceLocations parseYaml(String file, String yaml) throws IOException {
        YAMLFactory factory = new YAMLFactory();
        ObjectMapper mapper = new ObjectMapper(factory);
        JsonNode root = mapper.readTree(yaml);
        Map<String, Position> positions = new HashMap<>();
        try (JsonParser p = factory.createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonStreamContext ctx = p.getParsingContext();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    ctx = ctx.getParent();
                }
                if (ctx == null || (t != JsonToken.FIELD_NAME && !ctx.inArray())) {
                    continue;
                }
                JsonLocation loc = p.currentTokenLocation();
                positions.putIfAbsent(ctx.pathAsPointer().toString(), new Position(loc.getLineNr(), loc.getColumnNr()));
            }
        }
        return new SourceLocations(file, root == null ? mapper.missingNode() : root, Map.copyOf(positions));
    }

    /** No positions known (the document was built in memory); problems then name only the field. */
    public static SourceLocations none(String file, JsonNode root) {
        return new SourceLocations(file, root, Map.of());
    }

    /** The position of the pointer, or of its nearest ancestor that has one. */
    public Optional<Position> at(String pointer) {
        String p = pointer;
        while (true) {
            Position pos = positions.get(p);
            if (pos != null) {
                return Optional.of(pos);
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            p = p.substring(0, slash);
        }
    }
}
