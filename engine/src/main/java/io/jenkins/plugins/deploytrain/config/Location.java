package io.jenkins.plugins.deploytrain.config;

/**
 * Where a node was written. {@code line} and {@code column} are 1-based; 0 means unknown (for
 * trees built from Java maps, such as Pipeline step arguments, which have no lines).
 */
public record Location(String file, int line, int column) {

    public static Location unknown(String file) {
        return new Location(file, 0, 0);
    }

    public boolean known() {
        return line > 0;
    }

    @Override
    public String toString() {
        return known() ? file + ":" + line + ":" + column : file;
    }
}
