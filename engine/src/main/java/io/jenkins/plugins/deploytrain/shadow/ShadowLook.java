package io.jenkins.plugins.deploytrain.shadow;

import java.util.List;
import java.util.Locale;

/**
 * One look at a shadow source during an observation window, reduced to what the window needs to know:
 * the shadow breached the thresholds, looks clean so far, or has nothing to judge yet (no pair recorded,
 * no series in Prometheus). Nothing to judge is not clean: a gate never passes on silence.
 */
public sealed interface ShadowLook {

    /** One line for the build log: the counts this look saw. */
    String summary();

    record Clean(String summary) implements ShadowLook {}

    record NothingYet(String summary, String reason) implements ShadowLook {}

    record Breach(String summary, List<String> failures) implements ShadowLook {
        public Breach {
            failures = List.copyOf(failures);
        }
    }

    /**
     * The source could not be read this time (the recorder has not created the file yet, Prometheus did
     * not answer): nothing to judge, looked at again until the end of the window.
     */
    static ShadowLook unavailable(String reason) {
        return new NothingYet(reason, reason);
    }

    /** A comparison of the pairs recorded so far. */
    static ShadowLook of(ShadowVerdict verdict) {
        String summary = String.format(Locale.ROOT, "%d pairs compared: %d equal, %d equal after rules, %d unexpected",
                verdict.total(), verdict.equal(), verdict.equalAfterRules(), verdict.unexpected());
        if (verdict.passed()) {
            return new Clean(summary);
        }
        if (verdict.total() == 0 && verdict.badLines() == 0) {
            return new NothingYet(summary, "no pair recorded yet");
        }
        return new Breach(summary, verdict.failures());
    }

    /** A reading of the shadow's own discrepancy counters. */
    static ShadowLook of(MetricVerdict verdict) {
        if (verdict.reading() instanceof MetricReading.NoData noData) {
            return new NothingYet("no data", noData.reason());
        }
        MetricReading.Counts counts = (MetricReading.Counts) verdict.reading();
        String summary = String.format(Locale.ROOT, "%.1f requests compared, %.1f discrepancies (rate %.4f)",
                counts.compared(), counts.discrepancies(), counts.rate());
        if (verdict.passed()) {
            return new Clean(summary);
        }
        if (counts.compared() <= 0 && counts.discrepancies() <= 0) {
            return new NothingYet(summary, "the shadow compared no request yet");
        }
        return new Breach(summary, verdict.failures());
    }
}
