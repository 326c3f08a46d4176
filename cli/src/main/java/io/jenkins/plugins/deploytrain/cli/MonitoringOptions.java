package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.baked.BakedVersionSource;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.gate.LedgerGateRunner;
import io.jenkins.plugins.deploytrain.gate.MonitoringEndpoints;
import io.jenkins.plugins.deploytrain.gate.MonitoringRequirements;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The monitoring systems a train's gates are evaluated against (and a daily train's version read from): {@code run}'s and {@code gate-check}'s options, keys from the environment. */
final class MonitoringOptions {

    @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus base URL for the train's gates, e.g. http://127.0.0.1:9090")
    URI prometheus;

    @Option(names = "--alertmanager", paramLabel = "URL",
            description = "Alertmanager base URL: alerts gates then respect silences, and approvals with a silence duration create them.")
    URI alertmanager;

    @Option(names = "--datadog-site", paramLabel = "SITE",
            description = "Datadog site, e.g. datadoghq.com or datadoghq.eu (or an API base URL such as https://api.datadoghq.com); "
                    + "keys from the environment variables DD_API_KEY and DD_APP_KEY.")
    String datadogSite;

    /** Where the Datadog keys come from; a field so tests can supply them without a process environment. */
    Map<String, String> environment = System.getenv();

    /** The endpoints, or the problem with the options (never naming a key's value). */
    Result endpoints(Duration requestTimeout) {
        Optional<MonitoringEndpoints.Datadog> datadog = Optional.empty();
        if (datadogSite != null) {
            String api = environment.get("DD_API_KEY");
            String app = environment.get("DD_APP_KEY");
            if (api == null || api.isBlank() || app == null || app.isBlank()) {
                return new Result(null, List.of("--datadog-site needs the environment variables DD_API_KEY and DD_APP_KEY"));
            }
            try {
                datadog = Optional.of(datadogSite.contains("://")
                        ? new MonitoringEndpoints.Datadog(URI.create(datadogSite), new Secret(api), new Secret(app))
                        : MonitoringEndpoints.Datadog.site(datadogSite, new Secret(api), new Secret(app)));
            } catch (IllegalArgumentException notAUrl) {
                return new Result(null, List.of("--datadog-site must be a site like datadoghq.eu or a URL, not '" + datadogSite + "'"));
            }
        }
        return new Result(new MonitoringEndpoints(Optional.ofNullable(prometheus), Optional.ofNullable(alertmanager), datadog,
                requestTimeout), List.of());
    }

    /** Gates that need a system not given, each as "gate X (tier T) needs Prometheus: give --prometheus URL". */
    static List<String> unmet(GatesConfig gates, MonitoringEndpoints endpoints) {
        return MonitoringRequirements.unmet(gates, endpoints).stream()
                .map(u -> "gate '" + u.gate() + "' (gates." + u.tier() + ") needs " + u.system().label() + ": give " + option(u.system()))
                .toList();
    }

    /** A {@code versionFrom} query whose system was not given, as an error at its line in the train file. */
    static List<String> unmet(TrainSpec train, MonitoringEndpoints endpoints) {
        return train.versionFrom().flatMap(from -> BakedVersionSource.unmet(from, endpoints, system -> "give " + option(system))).stream().toList();
    }

    static LedgerGateRunner gateRunner(GatesConfig gates, MonitoringEndpoints endpoints) {
        return new LedgerGateRunner(gates, endpoints.evaluator(), endpoints.silencer());
    }

    private static String option(MonitoringRequirements.System system) {
        return switch (system) {
            case PROMETHEUS -> "--prometheus URL";
            case PROMETHEUS_OR_ALERTMANAGER -> "--alertmanager URL or --prometheus URL";
            case DATADOG -> "--datadog-site SITE (keys in DD_API_KEY, DD_APP_KEY)";
        };
    }

    record Result(MonitoringEndpoints endpoints, List<String> problems) {}
}
