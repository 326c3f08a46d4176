package io.jenkins.plugins.deploytrain.shadow;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON pointer whose segments may be wildcards: {@code *} matches one segment (any object key or
 * array index), {@code **} matches any number of segments (zero included), and a segment with a
 * {@code *} inside ({@code x-ratelimit-*}) matches keys of that shape. Written like a pointer:
 * {@code /items/*}{@code /etag}, {@code /**}{@code /requestId}; {@code ~1} and {@code ~0} escape
 * {@code /} and {@code ~} as in RFC 6901.
 */
public record PathGlob(String text, List<Segment> segments) {

    /** One compiled segment of a glob. */
    public sealed interface Segment permits Literal, AnyOne, AnyMany, Wildcard {
        boolean matches(String segment);
    }

    public record Literal(String value) implements Segment {
        @Override
        public boolean matches(String segment) {
            return value.equals(segment);
        }
    }

    public record AnyOne() implements Segment {
        @Override
        public boolean matches(String segment) {
            return true;
        }
    }

    /** {@code **}: matching is done by the automaton, which lets it consume zero or more segments. */
    public record AnyMany() implements Segment {
        @Override
        public boolean matches(String segment) {
            return true;
        }
    }

    /**
     * A key with {@code *} inside: the literal parts in order, the first at the start and the last at
     * the end. Matched by hand, not by regex: it runs once per key of every walked object.
     */
    public record Wildcard(List<String> parts) implements Segment {
        @Override
        public boolean matches(String segment) {
            String first = parts.get(0);
            String last = parts.get(parts.size() - 1);
            if (segment.length() < first.length() + last.length() || !segment.startsWith(first) || !segment.endsWith(last)) {
                return false;
            }
            int at = first.length();
            int end = segment.length() - last.length();
            for (int i = 1; i < parts.size() - 1; i++) {
                int found = segment.indexOf(parts.get(i), at);
                if (found < 0 || found + parts.get(i).length() > end) {
                    return false;
                }
                at = found + parts.get(i).length();
            }
            return true;
        }
    }

    /** Longest glob the automaton can track (one bit per position). */
    static final int MAX_SEGMENTS = 62;

    /**
     * Parses a glob.
     *
     * @throws IllegalArgumentException with a message fit for the user when the glob is malformed
     */
    public static PathGlob parse(String text) {
        if (text.isEmpty()) {
            return new PathGlob(text, List.of());
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("a path must be a JSON pointer starting with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            segments.add(segment(raw));
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a path may have at most " + MAX_SEGMENTS + " segments");
        }
        return new PathGlob(text, List.copyOf(segments));
    }

    private static Segment segment(String raw) {
        if (raw.equals("*")) {
            return new AnyOne();
        }
        if (raw.equals("**")) {
            return new AnyMany();
        }
        if (raw.contains("**")) {
            throw new IllegalArgumentException("'**' must be a whole segment, as in /**/name");
        }
        checkEscapes(raw);
        if (raw.indexOf('*') >= 0) {
            List<String> parts = new ArrayList<>();
            for (String part : raw.split("\\*", -1)) {
                parts.add(JsonPointers.unescape(part));
            }
            return new Wildcard(List.copyOf(parts));
        }
        return new Literal(JsonPointers.unescape(raw));
    }

    private static void checkEscapes(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '~'
                    && (i + 1 >= raw.length() || (raw.charAt(i + 1) != '0' && raw.charAt(i + 1) != '1'))) {
                throw new IllegalArgumentException("'~' must be escaped as ~0 (and '/' inside a key as ~1)");
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
