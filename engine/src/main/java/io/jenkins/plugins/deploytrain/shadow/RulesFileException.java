package io.jenkins.plugins.deploytrain.shadow;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem of one rules file, each naming the file, line, field and value. */
public final class RulesFileException extends Exception {

    /** One problem; {@code line} is 0 when the problem is about the whole file. */
    public record Problem(String file, int line, int column, String field, String message) {
        @Override
        public String toString() {
            String where = line > 0 ? file + ":" + line + ":" + column : file;
            return field.isEmpty() ? where + ": " + message : where + ": " + field + ": " + message;
        }
    }

    private final List<Problem> problems;

    public RulesFileException(List<Problem> problems) {
        super(problems.size() == 1
                ? problems.get(0).toString()
                : problems.size() + " problems in rules file:\n"
                        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
