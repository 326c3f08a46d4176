package io.jenkins.plugins.deploytrain.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus query answer, by result type. */
public sealed interface QueryResult {

    /** Every series (or the scalar) that has a non-zero value; NaN counts as non-zero, it is not a clean signal. */
    List<FiringSignal> nonZero();

    record Sample(Map<String, String> labels, Instant at, double value) {
    }

    record Series(Map<String, String> labels, List<Sample> points) {
    }

    record Vector(List<Sample> samples) implements QueryResult {
        @Override
        public List<FiringSignal> nonZero() {
            return samples.stream().filter(s -> s.value() != 0.0).map(s -> signal(s.labels(), "= " + format(s.value()))).toList();
        }
    }

    record Scalar(Instant at, double value) implements QueryResult {
        @Override
        public List<FiringSignal> nonZero() {
            return value == 0.0 ? List.of() : List.of(signal(Map.of(), "= " + format(value)));
        }
    }

    record Matrix(List<Series> series) implements QueryResult {
        @Override
        public List<FiringSignal> nonZero() {
            List<FiringSignal> out = new ArrayList<>();
            series.forEach(s -> s.points().stream().filter(p -> p.value() != 0.0).reduce((a, b) -> b)
                    .ifPresent(last -> out.add(signal(s.labels(), "= " + format(last.value()) + " at " + last.at()))));
            return out;
        }
    }

    private static FiringSignal signal(Map<String, String> labels, String detail) {
        String name = labels.getOrDefault("__name__", "series");
        Map<String, String> rest = new HashMap<>(labels);
        rest.remove("__name__");
        return new FiringSignal(FiringSignal.Source.PROMETHEUS_SERIES, name, rest, detail);
    }

    private static String format(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
