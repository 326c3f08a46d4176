package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.shadow.Thresholds;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A {@link ShadowGateStep}'s parameters once checked, kept in the execution across restarts. Every
 * problem is reported at once, so one run of the build shows everything to fix.
 */
final class ShadowGateSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    final String pairs;
    final String prometheus;
    final String comparedQuery;
    final String rules;
    final Duration window;
    final boolean pause;
    final Long maxUnexpected;
    final Double maxUnexpectedRate;
    final String shadowVersion;

    private ShadowGateSettings(ShadowGateStep step, Duration window) {
        this.pairs = step.getPairs();
        this.prometheus = step.getPrometheus();
        this.comparedQuery = step.getComparedQuery();
        this.rules = step.getRules();
        this.window = window;
        this.pause = ShadowGateStep.PAUSE.equals(step.getOnFailure());
        this.maxUnexpected = step.getMaxUnexpected() == null ? null : step.getMaxUnexpected().longValue();
        this.maxUnexpectedRate = step.getMaxUnexpectedRate();
        this.shadowVersion = step.getShadowVersion();
    }

    /** @throws AbortException listing every problem with the step's parameters */
    static ShadowGateSettings of(ShadowGateStep step) throws AbortException {
        List<String> problems = new ArrayList<>();
        boolean recorded = step.getPairs() != null;
        boolean metric = step.getPrometheus() != null;
        if (recorded == metric) {
            problems.add(recorded ? Messages.ShadowGateStep_twoSources() : Messages.ShadowGateStep_noSource());
        }
        if (recorded && step.getRules() == null) {
            problems.add(Messages.ShadowGateStep_needsRules());
        }
        if (metric && step.getComparedQuery() == null) {
            problems.add(Messages.ShadowGateStep_needsComparedQuery());
        }
        if (metric && step.getRules() != null) {
            problems.add(Messages.ShadowGateStep_rulesWithPrometheus(step.getRules()));
        }
        String onFailure = step.getOnFailure();
        if (onFailure != null && !onFailure.equals(ShadowGateStep.PAUSE)) {
            problems.add(Messages.ShadowGateStep_badOnFailure(onFailure));
        }
        Duration window = Duration.ZERO;
        if (step.getDuration() != null) {
            window = Durations.parse(step.getDuration()).orElse(null);
            if (window == null) {
                problems.add(Messages.ShadowGateStep_badDuration(step.getDuration()));
            }
        }
        try {
            thresholds(step.getMaxUnexpected() == null ? null : step.getMaxUnexpected().longValue(),
                    step.getMaxUnexpectedRate());
        } catch (IllegalArgumentException e) {
            problems.add("shadowGate: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new AbortException(String.join("\n", problems));
        }
        return new ShadowGateSettings(step, window);
    }

    Thresholds thresholds() {
        return thresholds(maxUnexpected, maxUnexpectedRate);
    }

    private static Thresholds thresholds(Long maxUnexpected, Double maxUnexpectedRate) {
        return new Thresholds(
                maxUnexpected == null ? OptionalLong.empty() : OptionalLong.of(maxUnexpected),
                maxUnexpectedRate == null ? OptionalDouble.empty() : OptionalDouble.of(maxUnexpectedRate),
                OptionalLong.empty());
    }

    /** What the gate watches, for the log and the build page. */
    String source() {
        return pairs != null ? pairs : "Prometheus: " + prometheus;
    }
}
