package io.jenkins.plugins.deploytrain.shadow;

import java.util.List;

/** The rules that apply to one shadow version, and the warnings about those that no longer do. */
public record ActiveRules(List<Rule> rules, List<String> warnings) {
    public ActiveRules {
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }
}
