package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Streams the output of {@code terraform show -json} (or {@code tofu show -json}), format_version
 * 0.x and 1.x, handing each resource change, drifted resource and output change to a consumer one
 * at a time; everything else (planned values, prior state, configuration, variables) is skipped
 * without being built. Structural problems are collected and reported together at the end; a JSON
 * syntax error stops the read, at its line and column.
 */
final class PlanReader {

    static final Set<String> ACTIONS = Set.of("no-op", "create", "read", "update", "delete", "forget");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // A parse error must not quote the document: it may be a secret.
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** What the reader learnt about the plan besides its changes. */
    record Header(String formatVersion, String terraformVersion) {}

    private final String file;
    private final List<PlanProblem> problems = new ArrayList<>();

    private PlanReader(String file) {
        this.file = file;
    }

    static Header read(Path plan, Consumer<RawChange> changes) throws IOException, PlanFormatException {
        try (InputStream in = Files.newInputStream(plan)) {
            return read(in, plan.toString(), changes);
        } catch (NoSuchFileException e) {
            throw new PlanFormatException(List.of(new PlanProblem(plan.toString(), 0, 0, null, "no such file")));
        } catch (IOException e) {
            // A directory, a permission, a disk: the system's words, which never quote the file's content.
            throw new PlanFormatException(List.of(new PlanProblem(plan.toString(), 0, 0, null,
                    "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
        }
    }

    static Header read(InputStream in, String file, Consumer<RawChange> changes) throws IOException, PlanFormatException {
        PlanReader reader = new PlanReader(file);
        try (JsonParser parser = MAPPER.createParser(in)) {
            Header header = reader.readPlan(parser, changes);
            if (!reader.problems.isEmpty()) {
                throw new PlanFormatException(reader.problems);
            }
            return header;
        } catch (JsonProcessingException e) {
            reader.problems.add(syntaxProblem(file, e));
            throw new PlanFormatException(reader.problems);
        }
    }

    private Header readPlan(JsonParser parser, Consumer<RawChange> changes) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            problem(parser.currentTokenLocation(), null, "expected a JSON object (the output of terraform show -json)");
            return new Header(null, null);
        }
        String formatVersion = null;
        String terraformVersion = null;
        boolean planned = false;
        boolean stateValues = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            JsonLocation at = parser.currentTokenLocation();
            switch (field) {
                case "format_version" -> {
                    formatVersion = parser.getValueAsString();
                    checkFormatVersion(at, value, formatVersion);
                }
                case "terraform_version" -> terraformVersion = parser.getValueAsString();
                case "resource_changes", "resource_drift" -> {
                    planned = true;
                    readResourceChanges(parser, field.equals("resource_changes") ? ChangeKind.RESOURCE : ChangeKind.DRIFT, changes);
                }
                case "output_changes" -> {
                    planned = true;
                    readOutputChanges(parser, changes);
                }
                case "planned_values" -> {
                    planned = true;
                    parser.skipChildren();
                }
                case "values" -> {
                    stateValues = true;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            problem(parser.currentTokenLocation(), null, "unexpected content after the plan's closing brace");
        }
        if (stateValues && !planned) {
            problem(null, null, "is a state (it has values but no planned_values or resource_changes), not a plan; run terraform show -json on a saved plan file");
        } else if (formatVersion == null) {
            problem(null, "format_version", "missing; this is not the output of terraform show -json");
        }
        return new Header(formatVersion, terraformVersion);
    }

    private void checkFormatVersion(JsonLocation at, JsonToken token, String version) {
        if (token != JsonToken.VALUE_STRING) {
            problem(at, "format_version", "expected a string such as \"1.2\", got " + describe(token));
        } else if (!version.matches("[01]\\.[0-9]+")) {
            problem(at, "format_version", "'" + version + "' is not supported; this reader knows format versions 0.x and 1.x");
        }
    }

    private void readResourceChanges(JsonParser parser, ChangeKind kind, Consumer<RawChange> changes) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            problem(parser.currentTokenLocation(), kind.field(), "expected an array, got " + describe(parser.currentToken()));
            parser.skipChildren();
            return;
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = parser.currentTokenLocation();
            String field = kind.field() + "[" + index++ + "]";
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                problem(at, field, "expected an object, got " + describe(parser.currentToken()));
                parser.skipChildren();
                continue;
            }
            ObjectNode node = parser.readValueAsTree();
            JsonNode address = node.get("address");
            boolean valid = true;
            if (address == null || !address.isTextual() || address.textValue().isEmpty()) {
                problem(at, field + ".address", "missing or not a string");
                valid = false;
            }
            JsonNode change = node.get("change");
            if (change == null || !change.isObject()) {
                problem(at, field + ".change", "missing or not an object");
                valid = false;
            } else {
                valid &= checkChange(at, field + ".change", change);
            }
            if (valid) {
                changes.accept(new RawChange(kind, address.textValue(), node));
            }
        }
    }

    private void readOutputChanges(JsonParser parser, Consumer<RawChange> changes) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            problem(parser.currentTokenLocation(), "output_changes", "expected an object, got " + describe(parser.currentToken()));
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            JsonLocation at = parser.currentTokenLocation();
            String field = "output_changes." + name;
            if (value != JsonToken.START_OBJECT) {
                problem(at, field, "expected an object, got " + describe(value));
                parser.skipChildren();
                continue;
            }
            ObjectNode node = parser.readValueAsTree();
            if (checkChange(at, field, node)) {
                changes.accept(new RawChange(ChangeKind.OUTPUT, name, node));
            }
        }
    }

    private boolean checkChange(JsonLocation at, String field, JsonNode change) {
        JsonNode actions = change.get("actions");
        if (actions == null || !actions.isArray() || actions.isEmpty()) {
            problem(at, field + ".actions", "missing or not a non-empty array of actions");
            return false;
        }
        boolean valid = true;
        for (JsonNode action : actions) {
            if (!action.isTextual() || !ACTIONS.contains(action.textValue())) {
                // An action is a keyword, never user data, so it is safe to quote.
                String what = action.isTextual() ? "'" + action.textValue() + "'" : "of type " + typeName(action);
                problem(at, field + ".actions", "unknown action " + what + "; known: " + String.join(", ", new TreeSet<>(ACTIONS)));
                valid = false;
            }
        }
        for (String mask : List.of("after_unknown", "before_sensitive", "after_sensitive")) {
            JsonNode value = change.get(mask);
            if (value != null && !(value.isBoolean() || value.isObject() || value.isArray() || value.isNull())) {
                problem(at, field + "." + mask, "expected true, false, an object or an array, got a " + typeName(value));
                valid = false;
            }
        }
        return valid;
    }

    private void problem(JsonLocation at, String field, String message) {
        problems.add(new PlanProblem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), field, message));
    }

    private static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /**
     * Jackson's message may quote the text it choked on, which may be a secret: keep its words,
     * drop anything quoted and the location it appends (we give our own).
     */
    private static PlanProblem syntaxProblem(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String reason = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        reason = reason.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
        int cut = reason.indexOf('\n');
        reason = cut < 0 ? reason : reason.substring(0, cut);
        if (reason.length() > 160) {
            reason = reason.substring(0, 160) + "…";
        }
        return new PlanProblem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), null, "not valid JSON: " + reason);
    }
}
