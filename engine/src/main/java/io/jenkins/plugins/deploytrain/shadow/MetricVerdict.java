package io.jenkins.plugins.deploytrain.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The verdict over a discrepancy metric, under the same thresholds as recorded pairs. */
public record MetricVerdict(boolean passed, List<String> failures, MetricReading reading) {

    public static MetricVerdict of(MetricReading reading, Thresholds thresholds) {
        List<String> failures = new ArrayList<>();
        if (reading instanceof MetricReading.NoData noData) {
            failures.add("no data: " + noData.reason());
        } else {
            MetricReading.Counts counts = (MetricReading.Counts) reading;
            if (counts.compared() <= 0) {
                failures.add("the shadow compared no request");
            }
            thresholds.maxUnexpected().ifPresent(max -> {
                if (counts.discrepancies() > max) {
                    failures.add(String.format(Locale.ROOT, "%.1f discrepancies, more than the %d allowed", counts.discrepancies(), max));
                }
            });
            thresholds.maxUnexpectedRate().ifPresent(max -> {
                if (counts.rate() > max) {
                    failures.add(String.format(Locale.ROOT, "discrepancy rate %.4f, more than the %s allowed", counts.rate(), max));
                }
            });
        }
        return new MetricVerdict(failures.isEmpty(), List.copyOf(failures), reading);
    }
}
