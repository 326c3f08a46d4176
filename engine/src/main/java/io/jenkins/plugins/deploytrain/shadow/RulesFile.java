package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.deploytrain.shadow.LocatedYaml.At;
import io.jenkins.plugins.deploytrain.shadow.LocatedYaml.Entry;
import io.jenkins.plugins.deploytrain.shadow.LocatedYaml.ListNode;
import io.jenkins.plugins.deploytrain.shadow.LocatedYaml.MapNode;
import io.jenkins.plugins.deploytrain.shadow.LocatedYaml.Node;
import io.jenkins.plugins.deploytrain.shadow.LocatedYaml.Scalar;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads a known-discrepancy rules file (format: docs/shadow.md). Every problem of the file is
 * collected before failing, each with its file, line, column, field and offending value.
 */
public final class RulesFile {

    private static final Set<String> TOP_LEVEL = Set.of("rules");
    private static final List<String> ACTIONS = List.of("ignore", "pattern", "tolerance", "added", "unordered");
    private static final Set<String> RULE_FIELDS = Set.of("id", "path", "reason", "expires",
            "ignore", "pattern", "tolerance", "added", "unordered");
    private static final Set<String> TOLERANCE_FIELDS = Set.of("absolute", "relative");

    private final String file;
    private final List<RulesFileException.Problem> problems = new ArrayList<>();

    private RulesFile(String file) {
        this.file = file;
    }

    public static RuleSet load(Path path) throws RulesFileException {
        String name = path.toString();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new RulesFile(name).parse(reader);
        } catch (NoSuchFileException e) {
            throw single(name, "no such file");
        } catch (IOException e) {
            throw single(name, "cannot be read: " + e.getMessage());
        }
    }

    /** Parses rules from text; {@code name} is how problems refer to it. */
    public static RuleSet parse(String name, String yaml) throws RulesFileException {
        try {
            return new RulesFile(name).parse(new StringReader(yaml));
        } catch (IOException e) {
            throw single(name, "cannot be read: " + e.getMessage());
        }
    }

    private static RulesFileException single(String file, String message) {
        return new RulesFileException(List.of(new RulesFileException.Problem(file, 0, 0, "", message)));
    }

    private RuleSet parse(Reader reader) throws IOException, RulesFileException {
        Node root;
        try {
            root = LocatedYaml.read(reader, (key, at) -> problem(at, key, "appears twice in the same mapping"));
        } catch (JsonProcessingException e) {
            At at = e.getLocation() == null ? new At(0, 0) : At.of(e.getLocation());
            throw new RulesFileException(List.of(new RulesFileException.Problem(
                    file, at.line(), at.column(), "", "not valid YAML: " + e.getOriginalMessage())));
        }
        List<Rule> rules = new ArrayList<>();
        if (root == null) {
            problems.add(new RulesFileException.Problem(file, 0, 0, "rules", "the file is empty; it needs a 'rules:' list"));
        } else if (!(root instanceof MapNode top)) {
            problem(root.at(), "", "must be a mapping with a 'rules:' list, found " + root.kind());
        } else {
            unknownKeys(top, "", TOP_LEVEL);
            Entry list = top.entries().get("rules");
            if (list == null) {
                problem(top.at(), "rules", "is missing: the file needs a 'rules:' list");
            } else if (!(list.value() instanceof ListNode items)) {
                problem(list.value().at(), "rules", "must be a list of rules, found " + list.value().kind());
            } else {
                Map<String, Integer> ids = new HashMap<>();
                for (int i = 0; i < items.items().size(); i++) {
                    rule(items.items().get(i), "rules[" + i + "]", i, ids).ifPresent(rules::add);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesFileException(problems);
        }
        return new RuleSet(file, rules);
    }

    private Optional<Rule> rule(Node node, String field, int index, Map<String, Integer> ids) {
        if (!(node instanceof MapNode map)) {
            problem(node.at(), field, "must be a mapping with path, reason and one action, found " + node.kind());
            return Optional.empty();
        }
        int before = problems.size();
        unknownKeys(map, field + ".", RULE_FIELDS);
        Optional<String> id = optionalText(map, field, "id");
        id.ifPresent(given -> {
            Integer first = ids.putIfAbsent(given, map.at().line());
            if (first != null) {
                problem(map.entries().get("id").value().at(), field + ".id",
                        "'" + given + "' is already the id of the rule on line " + first);
            }
        });
        Optional<PathGlob> glob = requiredText(map, field, "path").flatMap(text -> glob(map, field, text));
        Optional<String> reason = requiredText(map, field, "reason");
        Optional<String> expires = optionalText(map, field, "expires");
        Optional<RuleAction> action = action(map, field);
        if (problems.size() > before || glob.isEmpty() || reason.isEmpty() || action.isEmpty()) {
            return Optional.empty();
        }
        String ruleId = id.orElse("rule-" + (index + 1));
        return Optional.of(new Rule(ruleId, glob.get(), action.get(), reason.get(), expires, map.at().line()));
    }

    private Optional<PathGlob> glob(MapNode map, String field, String text) {
        try {
            return Optional.of(PathGlob.parse(text));
        } catch (IllegalArgumentException e) {
            problem(map.entries().get("path").value().at(), field + ".path", e.getMessage() + ", found " + quote(text));
            return Optional.empty();
        }
    }

    private Optional<RuleAction> action(MapNode map, String field) {
        List<String> given = ACTIONS.stream().filter(map.entries()::containsKey).toList();
        if (given.size() != 1) {
            String found = given.isEmpty() ? "none" : String.join(", ", given);
            problem(map.at(), field, "needs exactly one action of " + String.join(", ", ACTIONS) + "; found " + found);
            return Optional.empty();
        }
        String name = given.get(0);
        Node value = map.entries().get(name).value();
        String where = field + "." + name;
        return switch (name) {
            case "ignore" -> flag(value, where).map(x -> new RuleAction.Ignore());
            case "added" -> flag(value, where).map(x -> new RuleAction.AcceptAdded());
            case "unordered" -> flag(value, where).map(x -> new RuleAction.Unordered());
            case "pattern" -> pattern(value, where);
            default -> tolerance(value, where);
        };
    }

    private Optional<Boolean> flag(Node value, String field) {
        if (value instanceof Scalar s && s.token() == JsonToken.VALUE_TRUE) {
            return Optional.of(true);
        }
        problem(value.at(), field, "must be 'true' (leave the key out otherwise), found " + describe(value));
        return Optional.empty();
    }

    private Optional<RuleAction> pattern(Node value, String field) {
        if (!(value instanceof Scalar s) || s.isNull()) {
            problem(value.at(), field, "must be a regular expression, found " + describe(value));
            return Optional.empty();
        }
        try {
            return Optional.of(new RuleAction.AcceptPattern(Pattern.compile(s.text())));
        } catch (PatternSyntaxException e) {
            problem(value.at(), field, "is not a valid regular expression (" + e.getDescription()
                    + " near index " + e.getIndex() + "), found " + quote(s.text()));
            return Optional.empty();
        }
    }

    private Optional<RuleAction> tolerance(Node value, String field) {
        if (!(value instanceof MapNode map)) {
            problem(value.at(), field, "must be a mapping with 'absolute' and/or 'relative', found " + describe(value));
            return Optional.empty();
        }
        unknownKeys(map, field + ".", TOLERANCE_FIELDS);
        Optional<BigDecimal> absolute = bound(map, field, "absolute");
        Optional<BigDecimal> relative = bound(map, field, "relative");
        if (!map.entries().containsKey("absolute") && !map.entries().containsKey("relative")) {
            problem(map.at(), field, "needs 'absolute' and/or 'relative'");
            return Optional.empty();
        }
        if (absolute.isEmpty() && relative.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RuleAction.AcceptTolerance(absolute, relative));
    }

    private Optional<BigDecimal> bound(MapNode map, String field, String key) {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Node value = entry.value();
        if (value instanceof Scalar s
                && (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            BigDecimal bound = new BigDecimal(s.text());
            if (bound.signum() >= 0) {
                return Optional.of(bound);
            }
        }
        problem(value.at(), field + "." + key, "must be a number of 0 or more, found " + describe(value));
        return Optional.empty();
    }

    private Optional<String> requiredText(MapNode map, String field, String key) {
        if (!map.entries().containsKey(key)) {
            problem(map.at(), field + "." + key, "is missing");
            return Optional.empty();
        }
        return optionalText(map, field, key);
    }

    /** A non-blank scalar; numbers are taken as written, so {@code expires: 2.10} stays "2.10". */
    private Optional<String> optionalText(MapNode map, String field, String key) {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Node value = entry.value();
        if (value instanceof Scalar s && !s.isNull() && !s.text().isBlank()
                && s.token() != JsonToken.VALUE_TRUE && s.token() != JsonToken.VALUE_FALSE) {
            return Optional.of(s.text().strip());
        }
        problem(value.at(), field + "." + key, "must be a non-empty text, found " + describe(value));
        return Optional.empty();
    }

    private void unknownKeys(MapNode map, String prefix, Set<String> known) {
        for (Map.Entry<String, Entry> e : map.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                String hint = known.stream()
                        .filter(k -> editDistance(k, e.getKey()) <= 2)
                        .findFirst()
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("");
                problem(e.getValue().keyAt(), prefix + e.getKey(), "is not a known field" + hint
                        + "; known: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private void problem(At at, String field, String message) {
        problems.add(new RulesFileException.Problem(file, at.line(), at.column(), field, message));
    }

    private static String describe(Node value) {
        if (value instanceof Scalar s && !s.isNull()) {
            return s.kind() + " " + quote(s.text());
        }
        return value.kind();
    }

    private static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        return "'" + shown + "'";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
