package io.jenkins.plugins.deploytrain.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DailyHoursTest {

    @Test
    void parsesRangesIncludingMidnightAndWholeDays() {
        assertThat(DailyHours.parse("09:00-17:00")).isEqualTo(new DailyHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertThat(DailyHours.parse("9:30 - 16:00").start()).isEqualTo(LocalTime.of(9, 30));
        assertThat(DailyHours.parse("22:00-02:00").endsNextDay()).isTrue();
        assertThat(DailyHours.parse("09:00-17:00").endsNextDay()).isFalse();
        assertThat(DailyHours.parse("00:00-24:00").endsNextDay()).isTrue();
        assertThat(DailyHours.parse("18:00-24:00").end()).isEqualTo(LocalTime.MIDNIGHT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9-17        | expected HH:MM-HH:MM, e.g. 09:00-17:00",
        "25:00-26:00 | '25:00' is not a time of day (00:00 to 23:59)",
        "09:00-17:60 | '17:60' is not a time of day (00:00 to 23:59, or 24:00)",
        "09:00-09:00 | start and end are the same time (use 00:00-24:00 for a whole day)",
        "24:00-02:00 | '24:00' is not a time of day (00:00 to 23:59)",
    })
    void rejectsBadHoursWithAReason(String text, String reason) {
        assertThatThrownBy(() -> DailyHours.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }
}
