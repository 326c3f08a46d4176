package io.jenkins.plugins.deploytrain.gate;

/** One problem in the {@code gates:} section: where it is, which field, which value, what is wrong. */
public record GateConfigProblem(String file, int line, int column, String field, String value, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        return where + ": " + field + (value == null ? "" : " = '" + value + "'") + ": " + message;
    }
}
