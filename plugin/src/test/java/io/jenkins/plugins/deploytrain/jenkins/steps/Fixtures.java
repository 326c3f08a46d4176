package io.jenkins.plugins.deploytrain.jenkins.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recorded answers of real services (Prometheus, Slack, Terraform) that the tests replay. They live in the
 * repository, in {@code testdata/<source>/}; plugin/pom.xml passes the folder as {@code deploytrain.fixtures}, and
 * a test run without it (from an IDE) finds the same folder from the module's directory.
 */
final class Fixtures {

    private Fixtures() {}

    static Path dir() {
        String configured = System.getProperty("deploytrain.fixtures");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // surefire and IDEs set basedir to plugin/; testdata/ is beside it, at the repository's root
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("../testdata")
                .normalize();
    }

    /** One recorded file, such as {@code prometheus/prometheus_api_v1_query_empty.json}. */
    static String read(String name) throws IOException {
        return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
    }
}
