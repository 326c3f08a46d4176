package io.jenkins.plugins.deploytrain.config;

import java.util.regex.Pattern;

/**
 * One mistake in a configuration: where (file, line, column), which field (a path such as
 * {@code environments[3].tier}), the offending value as written (null when there is none) and a
 * message that names the value and what was expected.
 */
public record ConfigProblem(String file, int line, int column, String field, String value, String message) {

    /** Fields whose values must never appear in a message, a log or an exception. */
    private static final Pattern SECRET_FIELD =
            Pattern.compile("(?i).*(token|secret|password|passwd|credential|api[-_]?key)[^.\\[]*$");

    public static final String REDACTED = "****";

    public ConfigProblem {
        // a problem about the key itself (an unknown field named 'token') quotes the name, not a secret
        if (value != null && field != null && isSecretField(field) && !value.equals(keyOf(field))) {
            // messages quote the value they reject; a secret must not survive in either
            if (!value.isBlank()) {
                message = message.replace(value, REDACTED);
            }
            value = REDACTED;
        }
    }

    public static ConfigProblem at(Location where, String field, String value, String message) {
        return new ConfigProblem(where.file(), where.line(), where.column(), field, value, message);
    }

    /** True for fields named like a secret (token, password, ...): their values are never shown. */
    public static boolean isSecretField(String field) {
        return SECRET_FIELD.matcher(field).matches();
    }

    /** The last key of a path: {@code token} for {@code slack.token}. */
    private static String keyOf(String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }

    public Location location() {
        return new Location(file, line, column);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(location().toString()).append(": ");
        if (field != null && !field.isEmpty()) {
            s.append(field).append(": ");
        }
        return s.append(message).toString();
    }
}
