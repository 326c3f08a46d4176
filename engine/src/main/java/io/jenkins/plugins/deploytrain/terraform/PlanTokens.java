package io.jenkins.plugins.deploytrain.terraform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The names that make one target's plan differ from another's although the change is the same:
 * environment, region, zones, account id and any extra token the train declares. Each maps to a
 * placeholder ({@code ${env}}, {@code ${region}}, {@code ${zone1}}..., {@code ${account}},
 * {@code ${<name>}}), so two targets' plans normalise to the same text.
 *
 * @param values placeholder name to the literal it stands for, in declaration order
 */
public record PlanTokens(Map<String, String> values) {

    /** Shorter tokens would match inside unrelated words and numbers far too often. */
    static final int MIN_TOKEN_LENGTH = 2;

    public PlanTokens {
        values = Map.copyOf(new LinkedHashMap<>(values));
    }

    public static PlanTokens none() {
        return new PlanTokens(Map.of());
    }

    /**
     * Parses {@code env=prod,region=us-east-1,zones=us-east-1a|us-east-1b,account=123456789012,cell=blue}.
     * Every problem is reported at once.
     */
    public static PlanTokens parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (spec.isBlank()) {
            problems.add("is empty; expected name=value pairs such as env=prod,region=us-east-1");
        }
        for (String pair : spec.isBlank() ? new String[0] : spec.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                problems.add("'" + pair + "' is not name=value");
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                problems.add("token name '" + name + "' must start with a letter and hold only letters, digits, '_' and '-'");
                continue;
            }
            if (name.equals("zones")) {
                String[] zones = value.split("\\|", -1);
                for (int i = 0; i < zones.length; i++) {
                    put(values, problems, "zone" + (i + 1), zones[i].trim(), "zones");
                }
            } else if (name.matches("zone[0-9]+")) {
                problems.add("token name '" + name + "' is reserved for the zones list (zones=a|b|c)");
            } else {
                put(values, problems, name, value, name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("token spec '" + spec + "': " + String.join("; ", problems));
        }
        return new PlanTokens(values);
    }

    private static void put(Map<String, String> values, List<String> problems, String placeholder, String literal, String field) {
        if (literal.length() < MIN_TOKEN_LENGTH) {
            problems.add(field + " value '" + literal + "' is shorter than " + MIN_TOKEN_LENGTH + " characters");
        } else if (values.containsKey(placeholder)) {
            problems.add(field + " is declared twice");
        } else if (values.containsValue(literal)) {
            problems.add(field + " value '" + literal + "' is already declared for another token");
        } else {
            values.put(placeholder, literal);
        }
    }

    /** The placeholder text that replaces a token's literal in a normalised plan. */
    static String placeholder(String name) {
        return "${" + name + "}";
    }
}
