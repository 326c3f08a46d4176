package io.jenkins.plugins.deploytrain.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.jenkins.plugins.deploytrain.config.ConfigNode.Entry;
import io.jenkins.plugins.deploytrain.config.ConfigNode.ListNode;
import io.jenkins.plugins.deploytrain.config.ConfigNode.MapNode;
import io.jenkins.plugins.deploytrain.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a YAML document, or a tree of plain Java maps and lists, into {@link ConfigNode}s that
 * remember their line and column. Duplicate keys, more than one document and alias abuse are
 * problems, not silent surprises.
 *
 * <p>Aliases are resolved by sharing the anchored node, so memory stays linear; but a reader walks
 * shared nodes once per reference, so a "billion laughs" document would still explode on reading.
 * Hence the two limits: a number of alias references, and a total size of the document as readers
 * would see it once every alias is expanded.
 */
public final class YamlTree {

    public static final int MAX_ALIASES = 100;
    private static final String MERGE_KEY = "<<";
    public static final long MAX_EXPANDED_NODES = 100_000;
    private static final int MAX_FILE_CHARS = 4 * 1024 * 1024;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .build();

    private final String source;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private int aliases;
    private long expandedNodes;

    private record Anchored(ConfigNode node, long size) {}

    private record Built(ConfigNode node, long size) {}

    private YamlTree(String source) {
        this.source = source;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_FILE_CHARS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both lines
        return options;
    }

    /** Reads a YAML file; the problems name the file by its file name. */
    public static ConfigNode read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            // refuse by size before reading: a huge file would otherwise be held whole in memory first
            long bytes = Files.size(file);
            if (bytes > 4L * MAX_FILE_CHARS) {
                throw new ConfigException(ConfigProblem.at(Location.unknown(name), "", null,
                        "file too large (" + bytes + " bytes, at most " + MAX_FILE_CHARS + " characters)"));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(ConfigProblem.at(Location.unknown(file.toString()), "", null, "file not found"));
        } catch (IOException e) {
            throw new ConfigException(ConfigProblem.at(
                    Location.unknown(file.toString()), "", null, "cannot read the file: " + e.getMessage()));
        }
        return parse(text, name);
    }

    /** Parses YAML text; {@code sourceName} is how problems name it (usually the file name). */
    public static ConfigNode parse(String yaml, String sourceName) {
        if (yaml.length() > MAX_FILE_CHARS) {
            throw new ConfigException(ConfigProblem.at(Location.unknown(sourceName), "", null,
                    "file too large (" + yaml.length() + " characters, at most " + MAX_FILE_CHARS + ")"));
        }
        return new YamlTree(sourceName).parseDocument(new StringReader(yaml));
    }

    /**
     * Builds nodes from plain Java maps, lists and scalars (as a Jenkins Pipeline passes them), so
     * the same loaders validate them; such nodes have no line, problems name {@code sourceName}.
     */
    public static ConfigNode fromObject(Object tree, String sourceName) {
        Location where = Location.unknown(sourceName);
        if (tree instanceof ConfigNode node) {
            return node;
        }
        if (tree instanceof Map<?, ?> map) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), new Entry(String.valueOf(k), where, fromObject(v, sourceName))));
            return new MapNode(entries, where);
        }
        if (tree instanceof Iterable<?> items) {
            List<ConfigNode> nodes = new ArrayList<>();
            items.forEach(item -> nodes.add(fromObject(item, sourceName)));
            return new ListNode(nodes, where);
        }
        if (tree instanceof Object[] array) {
            return fromObject(List.of(array), sourceName);
        }
        return new ScalarNode(tree == null ? null : String.valueOf(tree), where);
    }

    private ConfigNode parseDocument(Reader reader) {
        try (JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(ConfigProblem.at(new Location(source, 1, 1), "", null, "the file is empty"));
            }
            Problems problems = new Problems();
            ConfigNode root = build((YAMLParser) parser, "", problems).node();
            if (parser.nextToken() != null) {
                problems.add(location(parser.currentTokenLocation()), "", null,
                        "only one YAML document is allowed here (found a second one)");
            }
            problems.throwIfAny();
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            Location at = where == null ? Location.unknown(source) : location(where);
            throw new ConfigException(ConfigProblem.at(at, "", null, "not valid YAML: " + firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ConfigException(ConfigProblem.at(Location.unknown(source), "", null, "cannot read: " + e.getMessage()));
        }
    }

    private Built build(YAMLParser parser, String path, Problems problems) throws IOException {
        Location where = location(parser.currentTokenLocation());
        if (parser.isCurrentAlias()) {
            return alias(parser.getText(), path, where);
        }
        Object anchorId = parser.getObjectId();
        String anchor = anchorId == null ? null : anchorId.toString();
        Built built = switch (parser.currentToken()) {
            case START_OBJECT -> buildMap(parser, path, where, problems);
            case START_ARRAY -> buildList(parser, path, where, problems);
            case VALUE_NULL -> new Built(new ScalarNode(null, where), 1);
            // an empty plain scalar ("key:") is null; an empty string is never a meaningful setting
            default -> new Built(new ScalarNode(parser.getText().isEmpty() ? null : parser.getText(), where), 1);
        };
        if (anchor != null) {
            anchors.put(anchor, new Anchored(built.node(), built.size()));
        }
        expandedNodes += 1;
        return built;
    }

    private Built alias(String name, String path, Location where) {
        Anchored anchored = anchors.get(name);
        if (anchored == null) {
            throw new ConfigException(ConfigProblem.at(where, path, "*" + name,
                    "unknown alias '*" + name + "' (anchor a list or a mapping before using it; single values cannot be aliased)"));
        }
        aliases++;
        expandedNodes += anchored.size();
        if (aliases > MAX_ALIASES) {
            throw new ConfigException(ConfigProblem.at(where, path, "*" + name,
                    "too many aliases (more than " + MAX_ALIASES + "); write the values out"));
        }
        if (expandedNodes > MAX_EXPANDED_NODES) {
            throw new ConfigException(ConfigProblem.at(where, path, "*" + name,
                    "aliases expand the document beyond " + MAX_EXPANDED_NODES + " nodes; write the values out"));
        }
        return new Built(anchored.node(), anchored.size());
    }

    private Built buildMap(YAMLParser parser, String path, Location where, Problems problems) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<ConfigNode> merged = new ArrayList<>();
        long size = 1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyLocation = location(parser.currentTokenLocation());
            parser.nextToken();
            String keyPath = Paths.key(path, key);
            Built value = build(parser, keyPath, problems);
            size += value.size();
            if (key.equals(MERGE_KEY)) {
                mergeSources(value.node(), keyPath, problems, merged);
                continue;
            }
            Entry previous = entries.get(key);
            if (previous != null) {
                problems.add(keyLocation, keyPath, key, "duplicate key '" + key + "' (first written at line "
                        + previous.keyLocation().line() + ")");
            } else {
                entries.put(key, new Entry(key, keyLocation, value.node()));
            }
        }
        // YAML merge keys: keys written in the mapping win, then earlier merged mappings win
        for (ConfigNode source : merged) {
            ((MapNode) source).entries().forEach(entries::putIfAbsent);
        }
        return new Built(new MapNode(entries, where), size);
    }

    /** The mappings of a {@code <<:} value: one mapping (usually an alias) or a list of them. */
    private static void mergeSources(ConfigNode value, String path, Problems problems, List<ConfigNode> merged) {
        List<ConfigNode> sources = value instanceof ListNode list ? list.items() : List.of(value);
        for (ConfigNode source : sources) {
            if (source instanceof MapNode) {
                merged.add(source);
            } else {
                problems.add(source.location(), path, null, "'<<' merges mappings only, found " + source.kind());
            }
        }
    }

    private Built buildList(YAMLParser parser, String path, Location where, Problems problems) throws IOException {
        List<ConfigNode> items = new ArrayList<>();
        long size = 1;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            Built item = build(parser, Paths.index(path, items.size()), problems);
            size += item.size();
            items.add(item.node());
        }
        return new Built(new ListNode(items, where), size);
    }

    private Location location(JsonLocation where) {
        return new Location(source, where.getLineNr(), where.getColumnNr());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
