package io.jenkins.plugins.deploytrain.shadow;

import java.util.Optional;

/**
 * One known discrepancy: at the pointers its glob matches, the differences its action accepts are
 * expected. {@code expires} is the last shadow version the rule applies to; {@code line} is where it
 * starts in its rules file (0 when built in code).
 */
public record Rule(String id, PathGlob path, RuleAction action, String reason, Optional<String> expires, int line) {

    /** Whether the rule no longer applies to the given shadow version. */
    public boolean expiredFor(String shadowVersion) {
        return expires.map(last -> Versions.compare(shadowVersion, last) > 0).orElse(false);
    }

    /** How the rule reads in a report: its id, then what it does where. */
    public String describe() {
        return id + " (" + action.describe() + " at " + path.text() + ")";
    }
}
