package io.jenkins.plugins.deploytrain.window;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hours of a window on one day, as written: {@code 09:00-17:00}. An end at or before the
 * start ({@code 22:00-02:00}) ends on the next day; {@code 24:00} is the end of the day, so
 * {@code 00:00-24:00} is the whole day.
 */
public record DailyHours(LocalTime start, LocalTime end) {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

    public DailyHours {
        if (start.equals(end) && !end.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("start and end are the same time (use 00:00-24:00 for a whole day)");
        }
    }

    /** True when the window ends on the day after it starts. */
    public boolean endsNextDay() {
        return !end.isAfter(start);
    }

    /** Parses {@code HH:MM-HH:MM}; throws {@link IllegalArgumentException} with a readable reason. */
    public static DailyHours parse(String text) {
        Matcher m = RANGE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected HH:MM-HH:MM, e.g. 09:00-17:00");
        }
        LocalTime start = time(m.group(1), false);
        LocalTime end = time(m.group(2), true);
        return new DailyHours(start, end);
    }

    private static LocalTime time(String text, boolean isEnd) {
        String padded = text.length() == 4 ? "0" + text : text;
        if (isEnd && padded.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(padded);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day (00:00 to 23:59" + (isEnd ? ", or 24:00" : "") + ")");
        }
    }

    @Override
    public String toString() {
        String endText = end.equals(LocalTime.MIDNIGHT) && start.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString();
        return start + "-" + endText;
    }
}
