package io.jenkins.plugins.deploytrain.gate;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the monitoring systems are (from the CLI's options or Jenkins' global configuration), and the
 * evaluator and silencer built on them. Datadog keys come from credentials, never from train.yaml.
 *
 * @param client the HTTP client to call them with (a host's own, such as Jenkins' proxy-aware one); empty for
 *     a client of each monitoring client's own
 */
public record MonitoringEndpoints(Optional<URI> prometheus, Optional<URI> alertmanager, Optional<Datadog> datadog, Duration timeout,
        Optional<HttpClient> client) {

    public MonitoringEndpoints(Optional<URI> prometheus, Optional<URI> alertmanager, Optional<Datadog> datadog, Duration timeout) {
        this(prometheus, alertmanager, datadog, timeout, Optional.empty());
    }

    /** The same endpoints, called through {@code http}. */
    public MonitoringEndpoints through(HttpClient http) {
        return new MonitoringEndpoints(prometheus, alertmanager, datadog, timeout, Optional.of(http));
    }

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
        return prometheus.map(uri -> client.map(c -> new PrometheusClient(uri, c, timeout)).orElseGet(() -> new PrometheusClient(uri, timeout)));
    }

    private Optional<AlertmanagerClient> alertmanagerClient() {
        return alertmanager.map(uri -> client.map(c -> new AlertmanagerClient(uri, c, timeout)).orElseGet(() -> new AlertmanagerClient(uri, timeout)));
    }

    public Optional<DatadogClient> datadogClient() {
        return datadog.map(d -> client.map(c -> new DatadogClient(d.base(), d.apiKey(), d.applicationKey(), c, timeout))
                .orElseGet(() -> new DatadogClient(d.base(), d.apiKey(), d.applicationKey(), timeout)));
    }
}
