package io.jenkins.plugins.deploytrain.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The recorded plans of testdata/terraform (see its SOURCES.md), found through {@code deploytrain.fixtures}. */
final class TerraformFixtures {

    private TerraformFixtures() {}

    static Path dir() {
        return Path.of(System.getProperty("deploytrain.fixtures"), "terraform");
    }

    static Path plan(String name) {
        Path plan = dir().resolve(name);
        if (!Files.isRegularFile(plan)) {
            throw new IllegalStateException("missing fixture " + plan);
        }
        return plan;
    }

    static List<Path> allPlans() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(plan(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
