package io.jenkins.plugins.deploytrain.shadow;

import java.io.IOException;

/** A discrepancy counter exported by a shadow service that does its own comparison. */
public interface DiscrepancyMetricSource {
    MetricReading read() throws IOException;
}
