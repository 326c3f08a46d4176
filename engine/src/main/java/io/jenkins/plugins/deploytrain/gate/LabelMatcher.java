package io.jenkins.plugins.deploytrain.gate;

import java.util.Map;
import java.util.regex.Pattern;

/** A Prometheus/Alertmanager label matcher: {@code name=value}, {@code !=}, {@code =~}, {@code !~}. */
public record LabelMatcher(String name, Op op, String value) {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public boolean isRegex() {
            return this == REGEX || this == NOT_REGEX;
        }

        public boolean isEqual() {
            return this == EQUAL || this == REGEX;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, Op.EQUAL, value);
    }

    /** Parses {@code name="value"} (quotes optional); throws IllegalArgumentException when malformed. */
    public static LabelMatcher parse(String text) {
        var m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a label matcher like severity=\"page\" or zone=~\"eu-.*\"");
        }
        String op = m.group(2);
        String raw = m.group(3);
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            raw = raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        for (Op o : Op.values()) {
            if (o.symbol.equals(op)) {
                if (o.isRegex()) {
                    Pattern.compile(raw);
                }
                return new LabelMatcher(m.group(1), o, raw);
            }
        }
        throw new IllegalArgumentException("unknown operator " + op);
    }

    /** Whether a set of labels satisfies this matcher (an absent label is the empty string, as in Prometheus). */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> Pattern.compile(value).matcher(actual).matches();
            case NOT_REGEX -> !Pattern.compile(value).matcher(actual).matches();
        };
    }

    public LabelMatcher withValue(String newValue) {
        return new LabelMatcher(name, op, newValue);
    }

    /** The matcher in Alertmanager's filter syntax, with the value quoted and escaped. */
    @Override
    public String toString() {
        return name + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
