package io.jenkins.plugins.deploytrain.fleetstate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a message names a lease's holder ({@code job payments/main build 41}, or {@code job payments runner
 * cli:host:4242:...} for a command-line runner), and where a host finds that name again in a message to link
 * it (a Jenkins console links the build). Writer and reader in one place, so they cannot drift apart.
 */
public final class HolderMention {
    /** A build's mention, as {@link #of} writes it when the words that follow it are {@code (target }. */
    private static final Pattern BUILD = Pattern.compile("job (.+?) build (\\d+)(?= \\(target )");

    private HolderMention() {}

    public static String of(LeaseHolder h) {
        boolean build = !h.build().isEmpty() && h.build().chars().allMatch(Character::isDigit);
        return "job " + h.job() + (build ? " build " : " runner ") + h.build();
    }

    /**
     * The first mention of a build in {@code message}, written by {@link #of} and followed by its target.
     *
     * @param start where the mention starts; @param end where it ends (exclusive)
     */
    public record Found(int start, int end, String job, int build) {}

    public static Optional<Found> find(String message) {
        Matcher m = BUILD.matcher(message);
        if (!m.find() || m.group(2).length() > 9) {
            return Optional.empty();
        }
        return Optional.of(new Found(m.start(), m.end(), m.group(1), Integer.parseInt(m.group(2))));
    }
}
