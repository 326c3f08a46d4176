package io.jenkins.plugins.deploytrain.gate;

import java.util.Map;
import java.util.TreeMap;

/** Something that made a gate fail: a non-zero series, a firing alert, a monitor in alert. */
public record FiringSignal(Source source, String name, Map<String, String> labels, String detail) {

    public enum Source { PROMETHEUS_SERIES, ALERT, DATADOG_MONITOR }

    public FiringSignal {
        labels = Map.copyOf(labels);
    }

    /** {@code name{a="b", ...}}: how the signal is shown to people. */
    public String describe() {
        String l = new TreeMap<>(labels).toString();
        return name + (labels.isEmpty() ? "" : l) + (detail == null || detail.isEmpty() ? "" : " " + detail);
    }
}
