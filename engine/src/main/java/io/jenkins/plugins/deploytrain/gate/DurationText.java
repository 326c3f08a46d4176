package io.jenkins.plugins.deploytrain.gate;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in train.yaml and Slack: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d}, or ISO {@code PT5M}. */
public final class DurationText {

    private static final Pattern COMPACT = Pattern.compile("(?i)(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private DurationText() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.toUpperCase().startsWith("P")) {
            try {
                return Optional.of(Duration.parse(t.toUpperCase()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = COMPACT.matcher(t);
        if (!m.matches() || t.isEmpty()) {
            return Optional.empty();
        }
        Duration d = Duration.ZERO;
        d = d.plusDays(group(m, 1)).plusHours(group(m, 2)).plusMinutes(group(m, 3)).plusSeconds(group(m, 4));
        return Optional.of(d);
    }

    /** The compact form ({@code 1h30m}), for messages. */
    public static String format(Duration d) {
        long seconds = d.getSeconds();
        if (seconds == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) out.append(days).append('d');
        if (hours > 0) out.append(hours).append('h');
        if (minutes > 0) out.append(minutes).append('m');
        if (secs > 0) out.append(secs).append('s');
        return out.toString();
    }

    private static long group(Matcher m, int i) {
        return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
    }
}
