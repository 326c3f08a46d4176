package io.jenkins.plugins.deploytrain.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void shortAndIsoForms() {
        assertThat(Durations.parse("12h")).contains(Duration.ofHours(12));
        assertThat(Durations.parse("30m")).contains(Duration.ofMinutes(30));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("1d2h3m4s")).contains(Duration.ofSeconds(93784));
        assertThat(Durations.parse("0")).contains(Duration.ZERO);
        assertThat(Durations.parse("PT1H30M")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("P1D")).contains(Duration.ofDays(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h", "12", "1.5h", "-1h", "30m1h", "PT-1H", "P", "99999999999999999999d"})
    void rejectsNonsense(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Test
    void formatsBack() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0m");
    }
}
