package io.jenkins.plugins.deploytrain.terraform;

/**
 * One thing wrong with a plan file: where (file, line, column; 0 when unknown), which field, and
 * what. Messages quote a value only where it cannot be a secret (actions, format_version, types).
 */
public record PlanProblem(String file, int line, int column, String field, String message) {

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file);
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
    }
}
