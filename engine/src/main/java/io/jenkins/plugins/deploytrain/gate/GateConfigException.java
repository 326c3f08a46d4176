package io.jenkins.plugins.deploytrain.gate;

import java.util.List;
import java.util.stream.Collectors;

/** The {@code gates:} section is invalid; carries every problem found, not just the first. */
public final class GateConfigException extends Exception {

    private final List<GateConfigProblem> problems;

    public GateConfigException(List<GateConfigProblem> problems) {
        super(problems.size() + " problem(s) in gates:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<GateConfigProblem> problems() {
        return problems;
    }
}
