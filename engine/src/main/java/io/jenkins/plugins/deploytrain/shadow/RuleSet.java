package io.jenkins.plugins.deploytrain.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The known-discrepancy rules of one file, in file order (the first rule that accepts wins). */
public record RuleSet(String source, List<Rule> rules) {

    public RuleSet {
        rules = List.copyOf(rules);
    }

    public static RuleSet empty() {
        return new RuleSet("(no rules)", List.of());
    }

    /**
     * The rules that still apply to {@code shadowVersion}. An expired rule is left out with a warning,
     * so a forgotten rule stops hiding a real regression; without a version every rule applies.
     */
    public ActiveRules activeFor(Optional<String> shadowVersion) {
        if (shadowVersion.isEmpty()) {
            return new ActiveRules(rules, List.of());
        }
        List<Rule> active = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.expiredFor(shadowVersion.get())) {
                warnings.add(source + ":" + rule.line() + ": rule '" + rule.id() + "' expired after version "
                        + rule.expires().orElseThrow() + " (shadow version " + shadowVersion.get()
                        + "), so it no longer applies: remove it, or move 'expires' if the discrepancy is still known");
            } else {
                active.add(rule);
            }
        }
        return new ActiveRules(active, warnings);
    }
}
