package io.jenkins.plugins.deploytrain.jenkins.events;

import hudson.model.Run;
import io.jenkins.plugins.deploytrain.events.DatadogEventPublisher;
import io.jenkins.plugins.deploytrain.events.LedgerPublisher;
import io.jenkins.plugins.deploytrain.events.PublishingLedgerStore;
import io.jenkins.plugins.deploytrain.events.PushgatewayPusher;
import io.jenkins.plugins.deploytrain.gate.DatadogClient;
import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.gate.BuildMonitoring;
import io.jenkins.plugins.deploytrain.jenkins.gate.ControllerHttp;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Issue 17: a build's ledger store that publishes what the train does, as the global configuration asks: its
 * job's metrics to the Pushgateway and its events to Datadog (the gates' site and keys). The engine derives both
 * from the ledger's writes; the HTTP calls go through Jenkins' proxy ({@link ControllerHttp}) on the plugin's pool
 * ({@link BlockingWork}), never on the CPS VM thread or {@code jenkins.util.Timer}, and hold no thread between
 * writes, so nothing is left to stop when the build ends. Problems after the build started go to the system log:
 * the build's console may be closed by then.
 */
@Restricted(NoExternalUse.class)
public final class TrainPublishing {

    private static final Logger LOGGER = Logger.getLogger(TrainPublishing.class.getName());

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEBOUNCE = Duration.ofSeconds(1);

    private TrainPublishing() {}

    /**
     * {@code store} publishing as configured; {@code store} itself when nothing is.
     *
     * @param log the build's console, for a configuration that cannot be used
     */
    public static LedgerStore store(LedgerStore store, Run<?, ?> run, PrintStream log) {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        List<LedgerPublisher> publishers = new ArrayList<>();
        String where = run.getParent().getFullName();
        pushgateway(config.getPushgatewayUrl(), log).ifPresent(uri -> publishers.add(new PushgatewayPusher(
                uri, ControllerHttp.shared(), TIMEOUT, DEBOUNCE, BlockingWork.get().executor(), line -> warn(where, line))));
        if (config.isPublishDatadogEvents()) {
            Optional<DatadogClient> datadog = BuildMonitoring.of(config, run).endpoints().datadogClient();
            if (datadog.isPresent()) {
                publishers.add(new DatadogEventPublisher(
                        datadog.get(),
                        "jenkins",
                        DatadogEventPublisher.Settings.DEFAULT,
                        BlockingWork.get().executor(),
                        line -> warn(where, line)));
            } else {
                log.println("Deploy Train: events are not published to Datadog: the Datadog site or keys of the global "
                        + "configuration are missing or unusable");
            }
        }
        return PublishingLedgerStore.wrap(store, publishers, line -> warn(where, line));
    }

    /** The configured Pushgateway, when it is an absolute http(s) URL with a host (never echoed: it may hold a password). */
    static Optional<URI> pushgateway(String url, PrintStream log) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // said below
        }
        log.println("Deploy Train: metrics are not pushed: the Pushgateway URL of the global configuration is not an "
                + "http(s) URL with a host and no credentials");
        return Optional.empty();
    }

    private static void warn(String job, String line) {
        LOGGER.log(Level.WARNING, "Deploy Train ({0}): {1}", new Object[] {job, line});
    }
}
