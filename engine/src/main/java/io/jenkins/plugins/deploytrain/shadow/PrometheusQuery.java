package io.jenkins.plugins.deploytrain.shadow;

import java.io.IOException;

/**
 * Runs one PromQL instant query and returns the body of Prometheus's {@code /api/v1/query} answer,
 * as the gates' Prometheus client gets it. The seam through which that client plugs in here.
 */
@FunctionalInterface
public interface PrometheusQuery {
    String instant(String promql) throws IOException;
}
