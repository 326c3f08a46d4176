package io.jenkins.plugins.deploytrain.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in configuration files, and back. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    private Durations() {}

    /** {@code 12h}, {@code 30m}, {@code 1h30m}, {@code 2d}, {@code 45s}, {@code 0}, or ISO-8601 ({@code PT1H30M}, {@code P1D}). */
    public static Optional<Duration> parse(String text) {
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                Duration d = Duration.parse(text);
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = SHORT.matcher(text);
        if (text.isBlank() || !m.matches()) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.ofDays(group(m, 1))
                    .plusHours(group(m, 2))
                    .plusMinutes(group(m, 3))
                    .plusSeconds(group(m, 4));
            return Optional.of(d);
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The short form, e.g. {@code 1h30m}; {@code 0m} for zero. */
    public static String format(Duration d) {
        StringBuilder s = new StringBuilder();
        long days = d.toDaysPart();
        if (days > 0) {
            s.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            s.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            s.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            s.append(d.toSecondsPart()).append('s');
        }
        return s.length() == 0 ? "0m" : s.toString();
    }

    private static long group(Matcher m, int i) {
        String g = m.group(i);
        return g == null ? 0 : Long.parseLong(g);
    }
}
