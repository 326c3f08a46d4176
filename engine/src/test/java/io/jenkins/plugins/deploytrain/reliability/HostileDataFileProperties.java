package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.shadow.JsonlPairReader;
import io.jenkins.plugins.deploytrain.shadow.PairListener;
import io.jenkins.plugins.deploytrain.shadow.RecordedPair;
import io.jenkins.plugins.deploytrain.terraform.PlanFingerprinter;
import io.jenkins.plugins.deploytrain.terraform.PlanFormatException;
import io.jenkins.plugins.deploytrain.terraform.PlanProblem;
import io.jenkins.plugins.deploytrain.terraform.PlanTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Terraform plans and shadow JSONL recordings, mutated from the real fixtures, and lines and files far
 * larger than any limit, produced lazily so the test itself stays small: every malformed input gets the
 * reader's own located error, never another exception type, never a hang.
 */
class HostileDataFileProperties {

    private static final Path FIXTURES = Path.of(System.getProperty("deploytrain.fixtures"));
    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final long ONE_GIB = 1L << 30;
    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(HostileDataFileProperties.class);

    @Provide
    Arbitrary<String> terraformPlans() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve("terraform"))) {
            return Arbitraries.of(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .filter(n -> !n.startsWith("infracost")).sorted().toList());
        }
    }

    @Property(tries = 200)
    void aMutatedTerraformPlanFingerprintsOrNamesTheFile(@ForAll("terraformPlans") String fixture,
            @ForAll @Size(min = 1, max = 3) List<JsonMutations> mutations, @ForAll long seed) throws IOException {
        byte[] plan = mutate(Files.readAllBytes(FIXTURES.resolve("terraform").resolve(fixture)), mutations, seed);
        FIGURES.count("terraform plans fuzzed");
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                new PlanFingerprinter(PlanTokens.none()).fingerprint(new ByteArrayInputStream(plan), fixture);
            } catch (PlanFormatException refused) {
                FIGURES.count("terraform plans refused with a located error");
                assertThat(refused.problems()).isNotEmpty();
                for (PlanProblem problem : refused.problems()) {
                    assertThat(problem.file()).isEqualTo(fixture);
                    assertThat(problem.message()).isNotBlank();
                }
            }
        });
    }

    @Property(tries = 200)
    void aMutatedShadowRecordingReportsBadLinesByNumberAndGoesOn(@ForAll @Size(min = 1, max = 3) List<JsonMutations> mutations,
            @ForAll long seed) throws IOException {
        byte[] recording = mutate(Files.readAllBytes(EXAMPLES.resolve("shadow-pairs.jsonl")), mutations, seed);
        long lines = 1 + countNewlines(recording);
        FIGURES.count("shadow recordings fuzzed");
        Recorder recorder = new Recorder();
        assertTimeoutPreemptively(BOUND, () -> new JsonlPairReader().read(new ByteArrayInputStream(recording), recorder));
        assertThat(recorder.badLines).allSatisfy(line -> assertThat(line).isBetween(1L, lines));
        assertThat(recorder.pairs).allSatisfy(pair -> assertThat(pair.line()).isBetween(1L, lines));
        FIGURES.add("shadow bad lines reported", recorder.badLines.size());
    }

    @Example
    void aOneGibibyteShadowLineIsSkippedInBoundedMemoryAndTheNextLineStillReads() {
        Recorder recorder = new Recorder();
        String pair = "{\"request\":{},\"primary\":{\"a\":1},\"shadow\":{\"a\":1}}\n";
        InputStream huge = new LazyLine(ONE_GIB, pair.getBytes(StandardCharsets.UTF_8));
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> new JsonlPairReader().read(huge, recorder));
        assertThat(recorder.badLines).containsExactly(1L);
        assertThat(recorder.messages.get(0)).contains("longer than");
        assertThat(recorder.pairs).extracting(RecordedPair::line).containsExactly(2L);
        FIGURES.add("bytes streamed through the line-length limit", ONE_GIB);
    }

    @Example
    void aOneGibibyteFleetFileIsRefusedWithoutBeingRead() throws IOException {
        Path dir = Files.createTempDirectory("huge-fleet");
        Path fleet = dir.resolve("fleet.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(fleet.toFile(), "rw")) {
            sparse.setLength(ONE_GIB); // sparse: no disk used, but a reader that reads it all holds 1 GiB
        }
        try {
            Runtime.getRuntime().gc();
            long before = usedHeap();
            Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> org.assertj.core.api.Assertions.catchThrowable(() -> FleetLoader.load(fleet)));
            assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("fleet.yaml").hasMessageContaining("too large");
            assertThat(usedHeap() - before).as("heap grown while refusing the file").isLessThan(64L << 20);
            FIGURES.count("oversized files refused");
        } finally {
            TempDirs.delete(dir);
        }
    }

    @AfterContainer
    static void writeFigures() {
        FIGURES.write();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static byte[] mutate(byte[] bytes, List<JsonMutations> mutations, long seed) {
        Random random = new Random(seed);
        byte[] result = bytes;
        for (JsonMutations mutation : mutations) {
            result = mutation.apply(result, random);
        }
        return result;
    }

    private static long countNewlines(byte[] bytes) {
        long count = 0;
        for (byte b : bytes) {
            count += b == '\n' ? 1 : 0;
        }
        return count;
    }

    private static final class Recorder implements PairListener {
        final List<RecordedPair> pairs = new ArrayList<>();
        final List<Long> badLines = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void pair(RecordedPair pair) {
            pairs.add(pair);
        }

        @Override
        public void badLine(long line, String message) {
            badLines.add(line);
            messages.add(message);
        }
    }

    /** {@code length} bytes of 'x', then a newline and {@code tail}, produced on demand. */
    private static final class LazyLine extends InputStream {
        private final long length;
        private final byte[] tail;
        private long position;

        LazyLine(long length, byte[] tail) {
            this.length = length;
            this.tail = tail;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            long total = length + 1 + tail.length;
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(count, total - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                buffer[offset + i] = p < length ? (byte) 'x' : p == length ? (byte) '\n' : tail[(int) (p - length - 1)];
            }
            position += n;
            return n;
        }
    }
}
