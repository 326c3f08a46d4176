package io.jenkins.plugins.deploytrain.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.jenkins.plugins.deploytrain.terraform.PlanDigest;
import io.jenkins.plugins.deploytrain.terraform.PlanFingerprinter;
import io.jenkins.plugins.deploytrain.terraform.PlanTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Normalise + fingerprint of a large plan against the floor: Jackson's streaming parse of the same
 * file, in the same run. The plan is generated in setup from the resource changes of the recorded
 * fixtures (every non-no-op change of every plan, repeated under fresh module addresses, each also
 * in planned_values as Terraform writes it) until it reaches {@code sizeMb}.
 *
 * <p>Heap: the fork runs with {@code -Xmx256m}, less than three times the file, so finishing at all
 * shows the read streams; each iteration prints the most heap still in use after a GC (what the
 * operation really holds) and the sum of the pools' peaks, and {@code -prof gc} adds the bytes
 * allocated per operation.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar TerraformPlanBenchmark -prof gc                      # full: 100 MB
 * java -jar bench/target/benchmarks.jar TerraformPlanBenchmark -p sizeMb=5 -wi 1 -i 2      # short
 * </pre>
 * Run from the repository root, as bench/run.sh does (the fixtures are the repository's {@code testdata}, or pass
 * {@code -p fixtures=DIR}). Throughput is in plans per second; MB/s is that times the printed size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 3, time = 30)
@Measurement(iterations = 5, time = 30)
public class TerraformPlanBenchmark {

    private static final PlanTokens TOKENS =
            PlanTokens.parse("env=prod,region=us-east-1,zones=us-east-1a|us-east-1b|us-east-1c,account=111111111111");

    @Param("100")
    public int sizeMb;

    @Param("testdata")
    public String fixtures;

    private Path plan;
    private final AtomicLong liveAfterGc = new AtomicLong();
    private final AtomicBoolean listening = new AtomicBoolean();

    @Setup(Level.Trial)
    public void generatePlan() throws IOException {
        List<ObjectNode> shapes = shapes(Path.of(fixtures, "terraform"));
        plan = Files.createTempFile("deploy-train-bench-plan", ".json");
        long size = PlanGenerator.write(plan, shapes, sizeMb * 1024L * 1024L);
        System.out.printf("%ngenerated plan: %s, %.1f MB, from %d fixture resource changes%n", plan, size / 1048576.0, shapes.size());
    }

    @TearDown(Level.Trial)
    public void deletePlan() throws IOException {
        Files.deleteIfExists(plan);
    }

    @Setup(Level.Iteration)
    public void resetHeapFigures() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        liveAfterGc.set(0);
        if (listening.compareAndSet(false, true)) {
            ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(
                    (notification, handback) -> recordHeapAfterGc(notification), null, null));
        }
    }

    @TearDown(Level.Iteration)
    public void printHeapFigures() {
        long peak = heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(" [heap: max %d MB live after a GC, pools' peaks sum to %d MB; -Xmx %d MB]",
                liveAfterGc.get() / 1048576, peak / 1048576, Runtime.getRuntime().maxMemory() / 1048576);
    }

    /** What a GC could not free is what the operation really holds; the pools' peaks also count garbage. */
    private void recordHeapAfterGc(Notification notification) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
            used += after == null ? 0 : after.getUsed();
        }
        liveAfterGc.accumulateAndGet(used, Math::max);
    }

    @Benchmark
    public long jacksonStreamingParse(Blackhole blackhole) throws IOException {
        long tokens = 0;
        try (JsonParser parser = new JsonFactory().createParser(plan.toFile())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    blackhole.consume(parser.getText());
                }
                tokens++;
            }
        }
        return tokens;
    }

    @Benchmark
    public PlanDigest normaliseAndFingerprint() throws Exception {
        return new PlanFingerprinter(TOKENS).fingerprint(plan);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    /** Every change of every recorded plan that does something (no-ops would flatter the figure). */
    static List<ObjectNode> shapes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no fixtures at " + dir.toAbsolutePath() + "; run from the repository root or pass -p fixtures=DIR");
        }
        ObjectMapper mapper = new ObjectMapper();
        List<ObjectNode> shapes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode change : mapper.readTree(file.toFile()).path("resource_changes")) {
                    if (!change.path("change").path("actions").toString().equals("[\"no-op\"]")) {
                        shapes.add((ObjectNode) change);
                    }
                }
            }
        }
        return shapes;
    }

    /** Writes a plan of at least the requested size, streaming, so generating it needs little heap. */
    static final class PlanGenerator {
        private PlanGenerator() {}

        static long write(Path plan, List<ObjectNode> shapes, long targetBytes) throws IOException {
            ObjectMapper mapper = new ObjectMapper();
            long bytesPerRound = 0;
            for (ObjectNode shape : shapes) {
                bytesPerRound += mapper.writeValueAsBytes(shape).length + mapper.writeValueAsBytes(shape.path("change").path("after")).length + 200;
            }
            // The estimate is rough (addresses grow with the counter): aim 5% over, and check below.
            long count = Math.max(1, targetBytes * 105 / 100 * shapes.size() / bytesPerRound + 1);
            try (JsonGenerator out = new JsonFactory(mapper).createGenerator(plan.toFile(), JsonEncoding.UTF8)) {
                out.writeStartObject();
                out.writeStringField("format_version", "1.2");
                out.writeStringField("terraform_version", "1.9.5");
                out.writeObjectFieldStart("planned_values");
                out.writeObjectFieldStart("root_module");
                out.writeArrayFieldStart("resources");
                for (long i = 0; i < count; i++) {
                    ObjectNode shape = shapes.get((int) (i % shapes.size()));
                    out.writeStartObject();
                    out.writeStringField("address", address(shape, i));
                    out.writeStringField("type", shape.path("type").asText());
                    out.writeStringField("provider_name", shape.path("provider_name").asText());
                    out.writeFieldName("values");
                    out.writeTree(shape.path("change").path("after"));
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
                out.writeEndObject();
                out.writeArrayFieldStart("resource_changes");
                for (long i = 0; i < count; i++) {
                    ObjectNode change = shapes.get((int) (i % shapes.size())).deepCopy();
                    change.put("address", address(change, i));
                    out.writeTree(change);
                }
                out.writeEndArray();
                out.writeStringField("timestamp", "2026-11-26T12:00:00Z");
                out.writeEndObject();
            }
            long size = Files.size(plan);
            if (size < targetBytes) {
                throw new IllegalStateException("generated " + size + " bytes, fewer than the " + targetBytes + " asked for");
            }
            return size;
        }

        private static String address(JsonNode shape, long i) {
            return "module.shard_" + i + "." + shape.path("address").asText();
        }
    }
}
