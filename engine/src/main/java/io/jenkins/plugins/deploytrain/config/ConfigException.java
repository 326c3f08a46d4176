package io.jenkins.plugins.deploytrain.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a configuration, at once. The message lists them all, one per line, in
 * document order, so a user fixes a file in one pass.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final Comparator<ConfigProblem> DOCUMENT_ORDER = Comparator.comparing(ConfigProblem::file)
            .thenComparingInt(ConfigProblem::line)
            .thenComparingInt(ConfigProblem::column);

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = problems.stream().sorted(DOCUMENT_ORDER).toList();
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        List<ConfigProblem> sorted = problems.stream().sorted(DOCUMENT_ORDER).toList();
        String header = sorted.size() == 1 ? "1 problem" : sorted.size() + " problems";
        return sorted.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ", header + ":\n  ", ""));
    }
}
