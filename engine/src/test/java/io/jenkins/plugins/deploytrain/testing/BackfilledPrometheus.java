package io.jenkins.plugins.deploytrain.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Prometheus (the Debian package) started on a history: the test's OpenMetrics text, ending at
 * {@link #now()}, is written into blocks by {@code promtool tsdb create-blocks-from openmetrics} in a temp data
 * dir, and Prometheus serves it on a free port of 127.0.0.1, scraping nothing. Missing binaries fail the test
 * when CI=true and skip it otherwise.
 */
public final class BackfilledPrometheus implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Function<Instant, String> history;
    private Path dir;
    private String skipReason;
    private Process prometheus;
    private URI uri;
    private Instant now;

    /** @param history the OpenMetrics text (ending with {@code # EOF}) of a history that ends at the given instant */
    public BackfilledPrometheus(Function<Instant, String> history) {
        this.history = history;
    }

    public URI uri() {
        return uri;
    }

    /** Where the history ends: the start of the minute the test class began in. */
    public Instant now() {
        return now;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> prometheusBin = PrometheusStack.binary("PROMETHEUS_BIN", "prometheus");
        Optional<Path> promtoolBin = PrometheusStack.binary("PROMTOOL_BIN", "promtool");
        if (prometheusBin.isEmpty() || promtoolBin.isEmpty()) {
            skipReason = PrometheusStack.missing("prometheus and promtool not found (install the Debian package prometheus, "
                    + "see .ci/services.sh, or set PROMETHEUS_BIN / PROMTOOL_BIN)");
            return;
        }
        now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        dir = Files.createTempDirectory("deploytrain-prometheus-history");
        Path metrics = Files.writeString(dir.resolve("history.om"), history.apply(now));
        Path data = Files.createDirectory(dir.resolve("data"));
        Process backfill = PrometheusStack.start(List.of(promtoolBin.get().toString(), "tsdb", "create-blocks-from", "openmetrics",
                metrics.toString(), data.toString()), dir, "promtool.log");
        if (!backfill.waitFor(120, TimeUnit.SECONDS) || backfill.exitValue() != 0) {
            backfill.destroyForcibly();
            Assertions.fail("promtool could not backfill the history:\n" + Files.readString(dir.resolve("promtool.log")));
        }
        Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 1m}\nscrape_configs: []\n");
        PrometheusStack.Served served = PrometheusStack.prometheus(prometheusBin.get(), dir, dir.resolve("prometheus.yml"), data,
                "--storage.tsdb.retention.time=30d");
        prometheus = served.process();
        uri = served.uri();
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
        PrometheusStack.deleteTree(dir);
    }
}
