package io.jenkins.plugins.deploytrain.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a loader reads a whole document, so it can report them all at the end. */
public final class Problems {

    private final List<ConfigProblem> problems = new ArrayList<>();

    public void add(ConfigProblem problem) {
        problems.add(problem);
    }

    public void add(Location where, String field, String value, String message) {
        add(ConfigProblem.at(where, field, value, message));
    }

    public void addAll(List<ConfigProblem> more) {
        problems.addAll(more);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    public List<ConfigProblem> all() {
        return List.copyOf(problems);
    }

    /** Throws a {@link ConfigException} with every problem so far, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
