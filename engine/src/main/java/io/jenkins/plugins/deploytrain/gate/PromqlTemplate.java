package io.jenkins.plugins.deploytrain.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts target variables ({@code ${TRAIN_ENVIRONMENT}}, {@code ${TRAIN_ZONE}}, ...) into PromQL.
 *
 * <p>A placeholder is only allowed inside a quoted label value, and the value is escaped for that
 * literal, so an environment named {@code x"} or {@code x"} or vector(1)} cannot change the query.
 * Inside a regex matcher ({@code =~}, {@code !~}) the value is also regex-quoted, so {@code .*}
 * cannot widen the match.
 */
public final class PromqlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final String REGEX_META = "\\.+*?()|[]{}^$";

    private PromqlTemplate() {
    }

    /** Every problem of the template's placeholders, empty when it can be rendered for any target. */
    public static List<String> problems(String template) {
        List<String> problems = new ArrayList<>();
        scan(template, (placeholder, context) -> {
            if (context == Context.CODE) {
                problems.add("placeholder ${" + placeholder + "} must be inside a quoted label value, e.g. {zone=\"${" + placeholder + "}\"}");
            } else if (context == Context.RAW) {
                problems.add("placeholder ${" + placeholder + "} cannot be escaped inside a `raw string`; use double quotes");
            }
            return "";
        });
        return problems;
    }

    /** Renders the template; throws {@link TemplateException} for an unknown variable or a misplaced placeholder. */
    public static String render(String template, Map<String, String> variables) {
        List<String> problems = problems(template);
        if (!problems.isEmpty()) {
            throw new TemplateException(String.join("; ", problems));
        }
        return scan(template, (placeholder, context) -> {
            String value = variables.get(placeholder);
            if (value == null) {
                throw new TemplateException("unknown variable ${" + placeholder + "}; known: " + variables.keySet().stream().sorted().toList());
            }
            String literal = context == Context.REGEX_DOUBLE || context == Context.REGEX_SINGLE ? regexQuote(value) : value;
            char quote = context == Context.SINGLE || context == Context.REGEX_SINGLE ? '\'' : '"';
            return escapeForLiteral(literal, quote);
        });
    }

    /** Substitutes variables into a plain value (a label matcher value or a tag), escaping each value first. */
    public static String substitute(String text, Map<String, String> variables, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new TemplateException("unknown variable ${" + m.group(1) + "}; known: " + variables.keySet().stream().sorted().toList());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Quotes every RE2 metacharacter so the value matches only itself. */
    public static String regexQuote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (REGEX_META.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    static String escapeForLiteral(String value, char quote) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == quote) {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private enum Context { CODE, DOUBLE, SINGLE, REGEX_DOUBLE, REGEX_SINGLE, RAW }

    private interface Replacer {
        String replace(String placeholder, Context context);
    }

    private static String scan(String template, Replacer replacer) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        Context context = Context.CODE;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                Matcher m = PLACEHOLDER.matcher(template).region(i, template.length());
                if (m.lookingAt()) {
                    out.append(replacer.replace(m.group(1), context));
                    i = m.end();
                    continue;
                }
            }
            switch (context) {
                case CODE -> {
                    if (c == '"' || c == '\'') {
                        boolean regex = precededByRegexOperator(template, i);
                        context = c == '"'
                                ? (regex ? Context.REGEX_DOUBLE : Context.DOUBLE)
                                : (regex ? Context.REGEX_SINGLE : Context.SINGLE);
                    } else if (c == '`') {
                        context = Context.RAW;
                    }
                }
                case DOUBLE, REGEX_DOUBLE, SINGLE, REGEX_SINGLE -> {
                    char quote = context == Context.DOUBLE || context == Context.REGEX_DOUBLE ? '"' : '\'';
                    if (c == '\\' && i + 1 < template.length()) {
                        out.append(c).append(template.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (c == quote) {
                        context = Context.CODE;
                    }
                }
                case RAW -> {
                    if (c == '`') {
                        context = Context.CODE;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean precededByRegexOperator(String template, int quoteIndex) {
        int j = quoteIndex - 1;
        while (j >= 0 && Character.isWhitespace(template.charAt(j))) {
            j--;
        }
        return j >= 1 && template.charAt(j) == '~' && (template.charAt(j - 1) == '=' || template.charAt(j - 1) == '!');
    }
}
