package io.jenkins.plugins.deploytrain.terraform;

import java.util.List;
import java.util.stream.Collectors;

/** A plan file that is not the output of {@code terraform show -json}; names every problem found. */
public final class PlanFormatException extends Exception {

    private final transient List<PlanProblem> problems;

    public PlanFormatException(List<PlanProblem> problems) {
        super(problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
