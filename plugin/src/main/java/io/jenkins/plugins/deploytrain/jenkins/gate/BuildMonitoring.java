package io.jenkins.plugins.deploytrain.jenkins.gate;

import hudson.model.Run;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.gate.LedgerGateRunner;
import io.jenkins.plugins.deploytrain.gate.MonitoringEndpoints;
import io.jenkins.plugins.deploytrain.gate.MonitoringRequirements;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.security.SecretTexts;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The monitoring systems a build's gates are evaluated against: the endpoints of the global configuration,
 * the Datadog keys from its credential ids, resolved for the build. Nothing of it is kept in the build: a
 * resumed build resolves it again, so a key rotated in the meantime is the one used.
 *
 * @param endpoints what is configured and usable
 * @param unusable for a system that is configured but cannot be used by this build, why (never a key's value)
 */
public record BuildMonitoring(MonitoringEndpoints endpoints, Map<MonitoringRequirements.System, String> unusable) {

    /** Per request to a monitoring system; a gate that needs many requests has its own budget on top. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public BuildMonitoring {
        unusable = Map.copyOf(unusable);
    }

    public static BuildMonitoring of(DeployTrainGlobalConfiguration config, Run<?, ?> run) {
        Map<MonitoringRequirements.System, String> unusable = new EnumMap<>(MonitoringRequirements.System.class);
        Optional<URI> prometheus = endpoint(
                MonitoringRequirements.System.PROMETHEUS,
                Messages.BuildMonitoring_prometheus(),
                config.getPrometheusUrl(),
                unusable);
        Optional<URI> alertmanager = endpoint(
                MonitoringRequirements.System.PROMETHEUS_OR_ALERTMANAGER,
                Messages.BuildMonitoring_alertmanager(),
                config.getAlertmanagerUrl(),
                unusable);
        Optional<MonitoringEndpoints.Datadog> datadog = datadog(config, run, unusable);
        return new BuildMonitoring(
                new MonitoringEndpoints(prometheus, alertmanager, datadog, REQUEST_TIMEOUT).through(ControllerHttp.shared()),
                unusable);
    }

    /**
     * Every gate of the train that needs a system this build cannot use, one line each, naming the gate,
     * its section and what to configure; empty when the train can start.
     */
    public List<String> unmet(GatesConfig gates) {
        return MonitoringRequirements.unmet(gates, endpoints).stream()
                .map(u -> Messages.BuildMonitoring_unmet(
                        u.gate(),
                        u.tier(),
                        u.system().label(),
                        unusable.getOrDefault(u.system(), configure(u.system()))))
                .toList();
    }

    /** What to configure for a system, or why the configured one is unusable by this build (never a key). */
    public String configureOrWhy(MonitoringRequirements.System system) {
        return unusable.getOrDefault(system, configure(system));
    }

    public GateRunner gateRunner(GatesConfig gates) {
        return new LedgerGateRunner(gates, endpoints.evaluator(), endpoints.silencer());
    }

    private static String configure(MonitoringRequirements.System system) {
        return switch (system) {
            case PROMETHEUS -> Messages.BuildMonitoring_configurePrometheus();
            case PROMETHEUS_OR_ALERTMANAGER -> Messages.BuildMonitoring_configureAlerts();
            case DATADOG -> Messages.BuildMonitoring_configureDatadog();
        };
    }

    /** Both keys are needed; one without the other is a configuration mistake, said as such. */
    private static Optional<MonitoringEndpoints.Datadog> datadog(
            DeployTrainGlobalConfiguration config, Run<?, ?> run, Map<MonitoringRequirements.System, String> unusable) {
        String apiId = config.getDatadogApiKeyCredentialsId();
        String appId = config.getDatadogApplicationKeyCredentialsId();
        if (apiId == null && appId == null) {
            return Optional.empty();
        }
        if (apiId == null || appId == null) {
            unusable.put(MonitoringRequirements.System.DATADOG, Messages.BuildMonitoring_datadogNeedsBothKeys());
            return Optional.empty();
        }
        Optional<Secret> api = SecretTexts.find(apiId, run);
        Optional<Secret> app = SecretTexts.find(appId, run);
        if (api.isEmpty() || app.isEmpty()) {
            unusable.put(
                    MonitoringRequirements.System.DATADOG,
                    Messages.BuildMonitoring_noCredential(api.isEmpty() ? apiId : appId));
            return Optional.empty();
        }
        try {
            return Optional.of(MonitoringEndpoints.Datadog.site(config.getDatadogSite(), api.get(), app.get()));
        } catch (IllegalArgumentException badSite) {
            unusable.put(
                    MonitoringRequirements.System.DATADOG,
                    Messages.BuildMonitoring_badDatadogSite(config.getDatadogSite()));
            return Optional.empty();
        }
    }

    private static Optional<URI> endpoint(
            MonitoringRequirements.System system,
            String field,
            String value,
            Map<MonitoringRequirements.System, String> unusable) {
        Optional<String> problem = url(field, value);
        if (problem.isPresent()) {
            unusable.put(system, problem.get());
            return Optional.empty();
        }
        return Optional.ofNullable(value).map(URI::create);
    }

    /**
     * The problem with a configured URL, empty when it is absent or an absolute http(s) URL with a host.
     * A URL with user info is not echoed: the part before the {@code @} is usually a password.
     */
    static Optional<String> url(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getRawUserInfo() != null) {
                return Optional.of(Messages.BuildMonitoring_urlWithUserInfo(field));
            }
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return Optional.of(Messages.BuildMonitoring_badUrl(field, value));
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(
                    value.contains("@")
                            ? Messages.BuildMonitoring_urlWithUserInfo(field)
                            : Messages.BuildMonitoring_badUrl(field, value));
        }
    }
}
