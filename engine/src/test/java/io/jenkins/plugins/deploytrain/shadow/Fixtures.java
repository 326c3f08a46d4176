package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The recorded answers of real services (testdata/ at the repository root, found through {@code deploytrain.fixtures}). */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static Path dir(String folder) {
        return Path.of(System.getProperty("deploytrain.fixtures")).resolve(folder);
    }

    static JsonNode json(String folder, String file) {
        try {
            return JSON.readTree(dir(folder).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one recorded exchange of an octokit scenario file. */
    static JsonNode github(String name) {
        return json("shadow-diff", "github_" + name + ".json").get(0);
    }
}
