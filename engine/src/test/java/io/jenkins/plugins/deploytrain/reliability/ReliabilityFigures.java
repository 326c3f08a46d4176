package io.jenkins.plugins.deploytrain.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Counts what a reliability test class really tried (inputs fuzzed, faults injected, crash points
 * survived) and writes them to {@code target/reliability/<class>.json}, so reliability.sh reports
 * figures measured by the run instead of figures typed by hand.
 */
public final class ReliabilityFigures {

    private final String testClass;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public ReliabilityFigures(Class<?> testClass) {
        this.testClass = testClass.getSimpleName();
    }

    public void count(String figure) {
        add(figure, 1);
    }

    public void add(String figure, long amount) {
        counters.computeIfAbsent(figure, f -> new AtomicLong()).addAndGet(amount);
    }

    public long get(String figure) {
        AtomicLong value = counters.get(figure);
        return value == null ? 0 : value.get();
    }

    /** Writes the figures counted so far; called once the class's tests ran. */
    public void write() {
        Map<String, Long> sorted = new TreeMap<>();
        counters.forEach((k, v) -> sorted.put(k, v.get()));
        String body = sorted.entrySet().stream()
                .map(e -> "    \"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(",\n", "{\n  \"class\": \"" + testClass + "\",\n  \"figures\": {\n", "\n  }\n}\n"));
        Path dir = Path.of(System.getProperty("user.dir"), "target", "reliability");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(testClass + ".json"), body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
