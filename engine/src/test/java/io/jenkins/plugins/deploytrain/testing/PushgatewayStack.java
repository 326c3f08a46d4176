package io.jenkins.plugins.deploytrain.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Prometheus Pushgateway (Debian's prometheus-pushgateway) and a real Prometheus scraping it every
 * second with {@code honor_labels} (as the Pushgateway's README says to), both on free ports of 127.0.0.1.
 * Missing binaries fail the test when CI=true and skip it otherwise.
 */
public final class PushgatewayStack implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private Path dir;
    private String skipReason;
    private Process pushgateway;
    private Process prometheus;
    private URI pushgatewayUri;
    private URI prometheusUri;

    public URI pushgateway() {
        return pushgatewayUri;
    }

    public URI prometheus() {
        return prometheusUri;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> pushgatewayBin = PrometheusStack.binary("PUSHGATEWAY_BIN", "prometheus-pushgateway", "pushgateway");
        Optional<Path> prometheusBin = PrometheusStack.binary("PROMETHEUS_BIN", "prometheus");
        if (pushgatewayBin.isEmpty() || prometheusBin.isEmpty()) {
            skipReason = PrometheusStack.missing("Pushgateway and Prometheus binaries not found (install the Debian packages "
                    + "prometheus-pushgateway and prometheus, see .ci/services.sh, or set PUSHGATEWAY_BIN / PROMETHEUS_BIN)");
            return;
        }
        dir = Files.createTempDirectory("deploytrain-pushgateway");
        int gatewayPort = PrometheusStack.freePort();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: pushgateway
                    honor_labels: true
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(gatewayPort));
        pushgateway = PrometheusStack.start(List.of(pushgatewayBin.get().toString(), "--web.listen-address=127.0.0.1:" + gatewayPort),
                dir, "pushgateway.log");
        pushgatewayUri = URI.create("http://127.0.0.1:" + gatewayPort);
        PrometheusStack.awaitReady(pushgatewayUri, pushgateway, dir.resolve("pushgateway.log"));
        PrometheusStack.Served served = PrometheusStack.prometheus(prometheusBin.get(), dir, dir.resolve("prometheus.yml"),
                dir.resolve("prom-data"));
        prometheus = served.process();
        prometheusUri = served.uri();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (skipReason != null) {
            Assumptions.abort(skipReason);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        PrometheusStack.stop(prometheus);
        PrometheusStack.stop(pushgateway);
        PrometheusStack.deleteTree(dir);
    }
}
