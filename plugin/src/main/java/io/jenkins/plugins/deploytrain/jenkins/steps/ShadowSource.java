package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.gate.PrometheusClient;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.shadow.ActiveRules;
import io.jenkins.plugins.deploytrain.shadow.JsonlPairReader;
import io.jenkins.plugins.deploytrain.shadow.MetricVerdict;
import io.jenkins.plugins.deploytrain.shadow.PrometheusDiscrepancySource;
import io.jenkins.plugins.deploytrain.shadow.RulesFile;
import io.jenkins.plugins.deploytrain.shadow.ShadowComparison;
import io.jenkins.plugins.deploytrain.shadow.ShadowLook;
import io.jenkins.plugins.deploytrain.shadow.ShadowVerdict;
import io.jenkins.plugins.deploytrain.shadow.VerdictCollector;
import io.jenkins.plugins.deploytrain.shadow.VerdictText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * One look at what a shadow gate watches: the recorder's pairs file in the workspace (streamed, compared under the
 * rules file) or Prometheus (through the execution's client). Blocking: called on the plugin's pool only.
 */
final class ShadowSource {

    static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(30);

    /** The look and what to print of it once the gate is decided: the verdict's top differences, or the reading. */
    record Observed(ShadowLook look, String details) {
        void printTo(PrintStream log) {
            log.print(details);
        }
    }

    private ShadowSource() {}

    static Observed observe(ShadowGateSettings settings, StepContext context, ShadowGateHttp http)
            throws IOException, InterruptedException {
        if (settings.pairs != null) {
            ShadowVerdict verdict;
            try {
                verdict = comparePairs(settings, context);
            } catch (AbortException badRules) {
                throw badRules;
            } catch (IOException e) {
                // the agent went away (or is not back yet after a restart): looked at again until the end
                return unavailable(Messages.ShadowGateStep_unreadable(settings.pairs, e.getMessage()));
            }
            return verdict == null
                    ? unavailable(Messages.ShadowGateStep_notYet(settings.pairs))
                    : new Observed(ShadowLook.of(verdict), VerdictText.of(verdict));
        }
        PrometheusDiscrepancySource source = prometheus(settings, http);
        MetricVerdict verdict;
        try {
            verdict = MetricVerdict.of(source.read(), settings.thresholds());
        } catch (IOException e) {
            // Prometheus unreachable or the query refused: logged, and looked at again until the end
            return unavailable(e.getMessage());
        }
        ShadowLook look = ShadowLook.of(verdict);
        String details = "shadowGate: " + look.summary()
                + (verdict.passed() ? "" : " (" + String.join("; ", verdict.failures()) + ")") + "\n";
        return new Observed(look, details);
    }

    private static Observed unavailable(String reason) {
        return new Observed(ShadowLook.unavailable(reason), "shadowGate: " + reason + "\n");
    }

    /**
     * @return null while the recorder has not created the pairs file yet
     * @throws AbortException when the rules file is missing or invalid: nothing to wait for
     */
    private static ShadowVerdict comparePairs(ShadowGateSettings settings, StepContext context)
            throws IOException, InterruptedException {
        FilePath workspace = context.get(FilePath.class);
        if (workspace == null) {
            throw new IOException(Messages.ShadowGateStep_noWorkspace());
        }
        FilePath rulesFile = workspace.child(settings.rules);
        if (!rulesFile.exists()) {
            throw new AbortException(Messages.ShadowGateStep_noFile(settings.rules, workspace.getRemote()));
        }
        ActiveRules active;
        try {
            active = RulesFile.parse(settings.rules, rulesFile.readToString())
                    .activeFor(Optional.ofNullable(settings.shadowVersion));
        } catch (ConfigException e) {
            throw new AbortException("shadowGate: " + e.getMessage());
        }
        FilePath pairsFile = workspace.child(settings.pairs);
        if (!pairsFile.exists()) {
            return null;
        }
        VerdictCollector collector =
                new VerdictCollector(active, settings.thresholds(), ShadowComparison.DEFAULT_SAMPLES);
        try (InputStream in = pairsFile.read()) {
            new JsonlPairReader().read(in, collector);
        }
        return collector.verdict();
    }

    private static PrometheusDiscrepancySource prometheus(ShadowGateSettings settings, ShadowGateHttp http)
            throws AbortException {
        String url = DeployTrainGlobalConfiguration.get().getPrometheusUrl();
        if (url == null) {
            throw new AbortException(Messages.ShadowGateStep_noPrometheus());
        }
        return PrometheusDiscrepancySource.using(
                new PrometheusClient(URI.create(url), http.client(), PROMETHEUS_TIMEOUT),
                Clock.systemUTC(),
                settings.comparedQuery,
                settings.prometheus);
    }
}
