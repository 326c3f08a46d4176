package io.jenkins.plugins.deploytrain.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a train's version and service may be. The version names a build and becomes part of the train id, and so of
 * file names under the state folder: a version with '/', '..', a leading '-', a space or a control character could
 * climb out of the state folder or read as an option, so it is refused at load. The service is a free text shown to
 * people (ids made from it are made file-name safe where they name a file), but it reaches the deploy as
 * TRAIN_SERVICE, where a control character (NUL, a newline) cannot travel or would forge another variable.
 */
public final class ReleaseNames {

    public static final int MAX_LENGTH = 128;

    /** Semantic versions with build metadata (1.2.3+build.5), dates, git hashes. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private ReleaseNames() {}

    /** Why {@code service} cannot be a service's name, or empty if it can. */
    public static Optional<String> serviceProblem(String service) {
        if (service.length() <= MAX_LENGTH && service.codePoints().noneMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of("invalid service '" + printable(service) + "' (no control characters, at most " + MAX_LENGTH
                + " characters; it reaches the deploy as TRAIN_SERVICE)");
    }

    /** Why {@code version} cannot be a version, or empty if it can. */
    public static Optional<String> versionProblem(String version) {
        if (version.length() <= MAX_LENGTH && VERSION.matcher(version).matches() && !version.contains("..")) {
            return Optional.empty();
        }
        return Optional.of("invalid version '" + printable(version) + "' (letters, digits, '.', '_', '+' and '-' only, starting with "
                + "a letter or digit, no '..', at most " + MAX_LENGTH + " characters; it becomes part of the train id and of file names)");
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
