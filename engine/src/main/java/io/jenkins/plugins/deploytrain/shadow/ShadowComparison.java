package io.jenkins.plugins.deploytrain.shadow;

import java.io.IOException;
import java.nio.file.Path;

/** Compares a file of recorded pairs under rules and thresholds: the whole shadow-diff in one call. */
public final class ShadowComparison {

    public static final int DEFAULT_SAMPLES = 5;

    private ShadowComparison() {}

    /**
     * @throws IOException when the pairs file cannot be read at all (a bad line is not an exception:
     *     it is counted in the verdict)
     */
    public static ShadowVerdict ofRecordedPairs(Path pairs, ActiveRules rules, Thresholds thresholds, int samples)
            throws IOException {
        VerdictCollector collector = new VerdictCollector(rules, thresholds, samples);
        new JsonlPairReader().read(pairs, collector);
        return collector.verdict();
    }
}
