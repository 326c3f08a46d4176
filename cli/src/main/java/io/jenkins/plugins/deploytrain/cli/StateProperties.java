package io.jenkins.plugins.deploytrain.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** A small key = value file in the state folder that only helps a later run (Slack threads, the last reply read). */
final class StateProperties {

    private final Path file;
    private final String comment;

    StateProperties(Path file, String comment) {
        this.file = file;
        this.comment = comment;
    }

    Map<String, String> read() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        Map<String, String> all = new HashMap<>();
        p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
        return all;
    }

    /**
     * @return false when the file could not be written; the caller says what a later run then does differently
     */
    synchronized boolean put(String key, String value) {
        Properties p = new Properties();
        p.putAll(read());
        p.setProperty(key, value);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(temp)) {
            p.store(w, comment);
        } catch (IOException e) {
            return false;
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
