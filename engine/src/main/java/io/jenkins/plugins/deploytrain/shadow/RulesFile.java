package io.jenkins.plugins.deploytrain.shadow;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigMap;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.ConfigValue;
import io.jenkins.plugins.deploytrain.config.Problems;
import io.jenkins.plugins.deploytrain.config.YamlTree;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads a known-discrepancy rules file (format: docs/shadow.md) with the shared config reader:
 * every problem of the file is collected before failing, each with its file, line, column, field
 * and offending value.
 */
public final class RulesFile {

    private static final List<String> ACTIONS = List.of("ignore", "pattern", "tolerance", "added", "unordered");
    private static final List<String> RULE_FIELDS = List.of("id", "path", "reason", "expires",
            "ignore", "pattern", "tolerance", "added", "unordered");

    private final Problems problems = new Problems();
    private final Map<String, Integer> ids = new HashMap<>();

    private RulesFile() {}

    /** @throws ConfigException with every problem of the file (a missing file included) */
    public static RuleSet load(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        return new RulesFile().read(YamlTree.read(path), name);
    }

    /** Parses rules from text; {@code name} is how problems and warnings refer to it. */
    public static RuleSet parse(String name, String yaml) {
        return new RulesFile().read(YamlTree.parse(yaml, name), name);
    }

    private RuleSet read(ConfigNode root, String name) {
        List<Rule> rules = new ArrayList<>();
        ConfigValue.root(root, problems).asMap().ifPresent(top -> {
            top.rejectUnknown("rules");
            top.require("rules", ConfigValue::asList).ifPresent(items -> {
                for (int i = 0; i < items.size(); i++) {
                    rule(items.get(i), i).ifPresent(rules::add);
                }
            });
        });
        problems.throwIfAny();
        return new RuleSet(name, rules);
    }

    private Optional<Rule> rule(ConfigValue value, int index) {
        Optional<ConfigMap> asMap = value.asMap();
        if (asMap.isEmpty()) {
            return Optional.empty();
        }
        ConfigMap map = asMap.get();
        int before = problems.size();
        map.rejectUnknown(RULE_FIELDS);
        Optional<String> id = map.get("id", ConfigValue::asName);
        id.ifPresent(given -> {
            Integer first = ids.putIfAbsent(given, map.location().line());
            if (first != null) {
                map.optional("id").ifPresent(v -> v.problem("'" + given + "' is already the id of the rule on line " + first));
            }
        });
        Optional<PathGlob> glob = map.require("path", v -> v.as("path", PathGlob::parse));
        Optional<String> reason = map.require("reason", ConfigValue::asName);
        Optional<String> expires = map.get("expires", ConfigValue::asName);
        Optional<RuleAction> action = action(map);
        if (problems.size() > before || glob.isEmpty() || reason.isEmpty() || action.isEmpty()) {
            return Optional.empty();
        }
        String ruleId = id.orElse("rule-" + (index + 1));
        return Optional.of(new Rule(ruleId, glob.get(), action.get(), reason.get(), expires, map.location().line()));
    }

    private Optional<RuleAction> action(ConfigMap map) {
        List<String> given = ACTIONS.stream().filter(map.keys()::contains).toList();
        if (given.size() != 1) {
            String found = given.isEmpty() ? "none" : String.join(", ", given);
            problems.add(map.location(), map.path(), null,
                    "needs exactly one action of " + String.join(", ", ACTIONS) + "; found " + found);
            return Optional.empty();
        }
        String name = given.get(0);
        return switch (name) {
            case "ignore" -> flag(map, name).map(x -> new RuleAction.Ignore());
            case "added" -> flag(map, name).map(x -> new RuleAction.AcceptAdded());
            case "unordered" -> flag(map, name).map(x -> new RuleAction.Unordered());
            case "pattern" -> map.require(name, RulesFile::pattern);
            default -> map.require(name, ConfigValue::asMap).flatMap(this::tolerance);
        };
    }

    private static Optional<Boolean> flag(ConfigMap map, String key) {
        return map.require(key, ConfigValue::asBoolean).flatMap(on -> {
            if (!on) {
                map.optional(key).ifPresent(v -> v.problem("must be true (leave the key out otherwise)"));
                return Optional.empty();
            }
            return Optional.of(true);
        });
    }

    private static Optional<RuleAction> pattern(ConfigValue value) {
        return value.asString().flatMap(regex -> {
            try {
                return Optional.of(new RuleAction.AcceptPattern(Pattern.compile(regex)));
            } catch (PatternSyntaxException e) {
                value.problem("not a valid regular expression (" + e.getDescription() + " near index " + e.getIndex()
                        + "): '" + regex + "'");
                return Optional.empty();
            }
        });
    }

    private Optional<RuleAction> tolerance(ConfigMap map) {
        map.rejectUnknown("absolute", "relative");
        if (!map.keys().contains("absolute") && !map.keys().contains("relative")) {
            problems.add(map.location(), map.path(), null, "needs 'absolute' and/or 'relative'");
            return Optional.empty();
        }
        int before = problems.size();
        Optional<BigDecimal> absolute = map.get("absolute", RulesFile::bound);
        Optional<BigDecimal> relative = map.get("relative", RulesFile::bound);
        if (problems.size() > before) {
            return Optional.empty();
        }
        if (absolute.isEmpty() && relative.isEmpty()) {
            problems.add(map.location(), map.path(), null, "needs a value for 'absolute' and/or 'relative'");
            return Optional.empty();
        }
        return Optional.of(new RuleAction.AcceptTolerance(absolute, relative));
    }

    private static Optional<BigDecimal> bound(ConfigValue value) {
        return value.as("number", BigDecimal::new).flatMap(n -> {
            if (n.signum() < 0) {
                value.problem("must be 0 or more, found " + n.toPlainString());
                return Optional.empty();
            }
            return Optional.of(n);
        });
    }
}
