package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.events.DatadogEventPublisher;
import io.jenkins.plugins.deploytrain.events.LedgerPublisher;
import io.jenkins.plugins.deploytrain.events.PushgatewayPusher;
import io.jenkins.plugins.deploytrain.gate.JsonHttp;
import io.jenkins.plugins.deploytrain.gate.MonitoringEndpoints;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where {@code run} publishes the train: metrics to a Pushgateway, events to Datadog (with the gates' Datadog site and keys). */
final class PublishingOptions {

    @Option(names = "--pushgateway", paramLabel = "URL",
            description = "Prometheus Pushgateway base URL, e.g. http://127.0.0.1:9091: the job's ledger is pushed there as metrics "
                    + "(group job=deploy_train, service, deploy_job) after each change.")
    URI pushgateway;

    @Option(names = "--datadog-events", description = "Publish the train's events (start, deploys, pauses, approvals, end) to "
            + "Datadog's event stream, with the site of --datadog-site and the keys DD_API_KEY and DD_APP_KEY.")
    boolean datadogEvents;

    /** The problems with the options, as lines for the user. */
    List<String> problems(MonitoringEndpoints endpoints) {
        List<String> out = new ArrayList<>();
        if (pushgateway != null && (pushgateway.getScheme() == null || !pushgateway.getScheme().matches("https?") || pushgateway.getHost() == null)) {
            out.add("--pushgateway must be an http(s) URL like http://127.0.0.1:9091, not '" + pushgateway + "'");
        }
        if (datadogEvents && endpoints.datadog().isEmpty()) {
            out.add("--datadog-events needs --datadog-site SITE (keys in DD_API_KEY, DD_APP_KEY)");
        }
        return out;
    }

    /** The publishers the options ask for, started; close them with {@link Started#close}. */
    Started start(MonitoringEndpoints endpoints, PrintWriter err) {
        List<LedgerPublisher> publishers = new ArrayList<>();
        PushgatewayPusher pusher = null;
        DatadogEventPublisher events = null;
        if (pushgateway != null) {
            pusher = new PushgatewayPusher(pushgateway, JsonHttp.defaultClient(Duration.ofSeconds(5)), Duration.ofSeconds(10),
                    Duration.ofMillis(500), line -> say(err, line));
            publishers.add(pusher);
        }
        if (datadogEvents) {
            events = new DatadogEventPublisher(endpoints.datadogClient().orElseThrow(), "deploy-train",
                    DatadogEventPublisher.Settings.DEFAULT, line -> say(err, line));
            publishers.add(events);
        }
        return new Started(List.copyOf(publishers), pusher, events);
    }

    private static void say(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    record Started(List<LedgerPublisher> publishers, PushgatewayPusher pusher, DatadogEventPublisher events) {
        /** Sends what is still queued (a bounded wait: a Datadog or Pushgateway outage never holds the process). */
        void close() {
            if (pusher != null) {
                pusher.close(Duration.ofSeconds(5));
            }
            if (events != null) {
                events.close(Duration.ofSeconds(10));
            }
        }
    }
}
