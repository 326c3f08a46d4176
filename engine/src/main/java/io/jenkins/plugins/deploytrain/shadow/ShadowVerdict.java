package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The verdict over many pairs: the counts, where the unexpected differences are, a few samples to
 * read, how often each rule was needed, and whether the thresholds hold.
 *
 * @param total pairs compared (bad lines excluded)
 * @param unexpectedRate {@code unexpected / total}, 0 when nothing was compared
 * @param topPaths the pointers (array indices shown as {@code *}) most often unexpectedly different, by pairs
 * @param otherPaths pairs-with-path counts not itemised because the path table was full
 * @param failures why the verdict failed, empty when it passed
 */
public record ShadowVerdict(
        boolean passed,
        List<String> failures,
        long total,
        long equal,
        long equalAfterRules,
        long unexpected,
        double unexpectedRate,
        long badLines,
        List<BadLine> badLineSamples,
        List<PathCount> topPaths,
        long otherPaths,
        List<Sample> samples,
        List<RuleUse> rules,
        List<String> warnings,
        Thresholds thresholds) {

    public record BadLine(long line, String message) {}

    public record PathCount(String path, long pairs) {}

    /** An unexpected pair as kept for people to read: credentials redacted, at most a few differences. */
    public record Sample(long line, JsonNode request, List<Difference> differences, int moreDifferences) {}

    /** How often a rule accepted a difference, over how many pairs; 0 and 0 for a rule never needed. */
    public record RuleUse(Rule rule, long differences, long pairs) {}
}
