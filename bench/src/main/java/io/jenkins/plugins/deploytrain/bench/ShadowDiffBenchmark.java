package io.jenkins.plugins.deploytrain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.shadow.RuleSet;
import io.jenkins.plugins.deploytrain.shadow.RulesFile;
import io.jenkins.plugins.deploytrain.shadow.ShadowDiffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Shadow diff throughput: pairs per second through the rule-aware differ with 20 rules, against
 * zjsonpatch's RFC 6902 diff of the same pairs in the same run (the baseline), and the differ with
 * no rule (what the rules cost). The pairs are examples/shadow-pairs.jsonl: real GitHub responses
 * recorded years apart (1 to 10 kB each).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ShadowDiffBenchmark}, or
 * {@code java -cp bench/target/benchmarks.jar io.jenkins.plugins.deploytrain.bench.ShadowDiffBenchmark}
 * for the same run followed by the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShadowDiffBenchmark {

    static final int PAIRS = 8;

    /** The example rules (19) and one more, for 20 rules that all take part in the walk. */
    static final String TWENTIETH_RULE = """
              - id: cache-control
                path: /headers/cache-control
                pattern: 'private, max-age=\\d+, s-maxage=\\d+|no-cache'
                reason: the CDN of the new version caches differently
            """;

    private final List<JsonNode> primaries = new ArrayList<>();
    private final List<JsonNode> shadows = new ArrayList<>();
    private ShadowDiffer withRules;
    private ShadowDiffer noRules;

    @Setup
    public void load() throws Exception {
        Path examples = examples();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(examples.resolve("shadow-pairs.jsonl"))) {
            JsonNode pair = json.readTree(line);
            primaries.add(pair.get("primary"));
            shadows.add(pair.get("shadow"));
        }
        RuleSet rules = RulesFile.parse("shadow-rules.yaml + 1",
                Files.readString(examples.resolve("shadow-rules.yaml")) + TWENTIETH_RULE);
        if (primaries.size() != PAIRS || rules.rules().size() != 20) {
            throw new IllegalStateException("expected " + PAIRS + " pairs and 20 rules, found "
                    + primaries.size() + " and " + rules.rules().size());
        }
        withRules = new ShadowDiffer(rules.activeFor(Optional.empty()).rules());
        noRules = new ShadowDiffer(List.of());
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void shadowDiffWith20Rules(Blackhole hole) {
        for (int i = 0; i < PAIRS; i++) {
            hole.consume(withRules.compare(primaries.get(i), shadows.get(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void shadowDiffNoRules(Blackhole hole) {
        for (int i = 0; i < PAIRS; i++) {
            hole.consume(noRules.compare(primaries.get(i), shadows.get(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void baselineZjsonpatchDiff(Blackhole hole) {
        for (int i = 0; i < PAIRS; i++) {
            hole.consume(com.flipkart.zjsonpatch.JsonDiff.asJson(primaries.get(i), shadows.get(i)));
        }
    }

    /** Where examples/ is: -Ddeploytrain.examples, or the first parent of the working directory that has it. */
    static Path examples() throws IOException {
        String given = System.getProperty("deploytrain.examples");
        if (given != null) {
            return Path.of(given);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/shadow-pairs.jsonl"))) {
                return dir.resolve("examples");
            }
        }
        throw new IOException("examples/shadow-pairs.jsonl not found above " + Path.of("").toAbsolutePath()
                + "; run from the checkout or pass -Ddeploytrain.examples=DIR");
    }

    /** Runs the three benchmarks and prints each against the zjsonpatch baseline of the same run. */
    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ShadowDiffBenchmark.class.getName() + "\\.")
                .build()).run();
        double baseline = score(results, "baselineZjsonpatchDiff");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            double score = r.getPrimaryResult().getScore();
            System.out.printf(Locale.ROOT, "%-24s %12.0f pairs/s  %.2fx zjsonpatch%n", name, score, score / baseline);
        }
    }

    private static double score(Collection<RunResult> results, String benchmark) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
                .findFirst()
                .orElseThrow()
                .getPrimaryResult()
                .getScore();
    }
}
