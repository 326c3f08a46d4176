package io.jenkins.plugins.deploytrain.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a train's service and version may be. Both become part of the train id, and so of file names under the
 * state folder (deploy logs) and of the deploy's TRAIN_* environment: a value with '/', '..', a leading '-', a
 * space or a control character could climb out of the state folder or read as an option, so it is refused at load.
 */
public final class ReleaseNames {

    public static final int MAX_LENGTH = 128;

    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Semantic versions with build metadata (1.2.3+build.5), dates, git hashes. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private ReleaseNames() {}

    /** Why {@code service} cannot be a service's name, or empty if it can. */
    public static Optional<String> serviceProblem(String service) {
        return problem("service", service, SERVICE, "letters, digits, '.', '_' and '-'");
    }

    /** Why {@code version} cannot be a version, or empty if it can. */
    public static Optional<String> versionProblem(String version) {
        return problem("version", version, VERSION, "letters, digits, '.', '_', '+' and '-'");
    }

    private static Optional<String> problem(String field, String value, Pattern allowed, String characters) {
        if (value.length() <= MAX_LENGTH && allowed.matcher(value).matches() && !value.contains("..")) {
            return Optional.empty();
        }
        return Optional.of("invalid " + field + " '" + printable(value) + "' (" + characters + " only, starting with a letter or digit, "
                + "no '..', at most " + MAX_LENGTH + " characters; it becomes part of the train id and of file names)");
    }

    /** The value as it can be shown on one line of a terminal: control characters escaped, very long ones cut. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_LENGTH + 1L).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > MAX_LENGTH + 1 ? out + "..." : out.toString();
    }
}
