package io.jenkins.plugins.deploytrain.gate;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the monitoring systems are (from the CLI's options or Jenkins' global configuration), and the
 * evaluator and silencer built on them. Datadog keys come from credentials, never from train.yaml.
 */
public record MonitoringEndpoints(Optional<URI> prometheus, Optional<URI> alertmanager, Optional<Datadog> datadog, Duration timeout) {

    /** A Datadog site (such as {@code datadoghq.eu}) or an explicit API base, with its two keys. */
    public record Datadog(URI base, Secret apiKey, Secret applicationKey) {
        public static Datadog site(String site, Secret apiKey, Secret applicationKey) {
            return new Datadog(DatadogClient.siteBase(site), apiKey, applicationKey);
        }
    }

    public static MonitoringEndpoints none() {
        return new MonitoringEndpoints(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
    }

    public GateEvaluator evaluator() {
        return new GateEvaluator(prometheusClient(), alertmanagerClient(), datadogClient());
    }

    public Silencer silencer() {
        return new Silencer(alertmanagerClient(), datadogClient());
    }

    public Optional<PrometheusClient> prometheusClient() {
        return prometheus.map(uri -> new PrometheusClient(uri, timeout));
    }

    private Optional<AlertmanagerClient> alertmanagerClient() {
        return alertmanager.map(uri -> new AlertmanagerClient(uri, timeout));
    }

    public Optional<DatadogClient> datadogClient() {
        return datadog.map(d -> new DatadogClient(d.base(), d.apiKey(), d.applicationKey(), timeout));
    }
}
