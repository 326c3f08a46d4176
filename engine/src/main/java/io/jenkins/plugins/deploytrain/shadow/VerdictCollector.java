package io.jenkins.plugins.deploytrain.shadow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates pairs into a verdict in bounded memory: counters, a capped table of differing paths,
 * the first few samples and bad lines. Not thread-safe; one collector per comparison.
 */
public final class VerdictCollector implements PairListener {

    static final int MAX_PATHS = 10_000;
    static final int MAX_BAD_LINE_SAMPLES = 20;
    static final int MAX_DIFFERENCES_PER_SAMPLE = 20;
    static final int TOP_PATHS = 10;

    private final ShadowDiffer differ;
    private final ActiveRules rules;
    private final Thresholds thresholds;
    private final int maxSamples;

    private long total;
    private long equal;
    private long equalAfterRules;
    private long unexpected;
    private long badLines;
    private long otherPaths;
    private final List<ShadowVerdict.BadLine> badLineSamples = new ArrayList<>();
    private final Map<String, Long> pathPairs = new HashMap<>();
    private final List<ShadowVerdict.Sample> samples = new ArrayList<>();
    private final Map<Rule, long[]> ruleUses = new IdentityHashMap<>();

    public VerdictCollector(ActiveRules rules, Thresholds thresholds, int maxSamples) {
        this.differ = new ShadowDiffer(rules.rules());
        this.rules = rules;
        this.thresholds = thresholds;
        this.maxSamples = maxSamples;
        rules.rules().forEach(rule -> ruleUses.put(rule, new long[2]));
    }

    @Override
    public void pair(RecordedPair pair) {
        add(pair, differ.compare(pair.primary(), pair.shadow()));
    }

    void add(RecordedPair pair, PairDiff diff) {
        total++;
        switch (diff.outcome()) {
            case EQUAL -> equal++;
            case EQUAL_AFTER_RULES -> equalAfterRules++;
            case UNEXPECTED -> unexpected++;
        }
        Set<Rule> usedHere = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (AcceptedDifference a : diff.accepted()) {
            long[] use = ruleUses.get(a.rule());
            use[0]++;
            if (usedHere.add(a.rule())) {
                use[1]++;
            }
        }
        if (diff.outcome() == PairOutcome.UNEXPECTED) {
            countPaths(diff.unexpected());
            if (samples.size() < maxSamples) {
                samples.add(sample(pair, diff.unexpected()));
            }
        }
    }

    @Override
    public void badLine(long line, String message) {
        badLines++;
        if (badLineSamples.size() < MAX_BAD_LINE_SAMPLES) {
            badLineSamples.add(new ShadowVerdict.BadLine(line, message));
        }
    }

    public ShadowVerdict verdict() {
        double rate = total == 0 ? 0 : (double) unexpected / total;
        List<String> failures = new ArrayList<>();
        if (total == 0) {
            failures.add("no pair was compared");
        }
        thresholds.maxUnexpected().ifPresent(max -> {
            if (unexpected > max) {
                failures.add(unexpected + " unexpected pairs, more than the " + max + " allowed");
            }
        });
        thresholds.maxUnexpectedRate().ifPresent(max -> {
            if (rate > max) {
                failures.add(String.format(java.util.Locale.ROOT,
                        "unexpected rate %.4f (%d of %d pairs), more than the %s allowed", rate, unexpected, total, max));
            }
        });
        thresholds.maxBadLines().ifPresent(max -> {
            if (badLines > max) {
                failures.add(badLines + " bad lines, more than the " + max + " allowed");
            }
        });
        List<ShadowVerdict.RuleUse> uses = new ArrayList<>();
        List<String> warnings = new ArrayList<>(rules.warnings());
        for (Rule rule : rules.rules()) {
            long[] use = ruleUses.get(rule);
            uses.add(new ShadowVerdict.RuleUse(rule, use[0], use[1]));
            if (use[0] == 0 && total > 0) {
                warnings.add("rule '" + rule.id() + "' (line " + rule.line() + ") accepted nothing in " + total
                        + " pairs: the discrepancy may be gone, consider removing it");
            }
        }
        return new ShadowVerdict(failures.isEmpty(), failures, total, equal, equalAfterRules, unexpected, rate,
                badLines, List.copyOf(badLineSamples), topPaths(), otherPaths, List.copyOf(samples), uses, warnings,
                thresholds);
    }

    private void countPaths(List<Difference> differences) {
        Set<String> seen = new HashSet<>();
        for (Difference d : differences) {
            String general = generalise(d.path());
            if (!seen.add(general)) {
                continue;
            }
            Long count = pathPairs.get(general);
            if (count != null) {
                pathPairs.put(general, count + 1);
            } else if (pathPairs.size() < MAX_PATHS) {
                pathPairs.put(general, 1L);
            } else {
                otherPaths++;
            }
        }
    }

    private List<ShadowVerdict.PathCount> topPaths() {
        return pathPairs.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_PATHS)
                .map(e -> new ShadowVerdict.PathCount(e.getKey(), e.getValue()))
                .toList();
    }

    /** Array indices become '*', so the same field of every list element counts as one path. */
    static String generalise(String pointer) {
        if (pointer.isEmpty()) {
            return pointer;
        }
        StringBuilder s = new StringBuilder(pointer.length());
        for (String segment : pointer.substring(1).split("/", -1)) {
            boolean index = !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
            s.append('/').append(index ? "*" : segment);
        }
        return s.toString();
    }

    private static ShadowVerdict.Sample sample(RecordedPair pair, List<Difference> differences) {
        List<Difference> kept = differences.stream().limit(MAX_DIFFERENCES_PER_SAMPLE).map(Redaction::redact).toList();
        return new ShadowVerdict.Sample(pair.line(), Redaction.redact(pair.request()), kept,
                differences.size() - kept.size());
    }
}
