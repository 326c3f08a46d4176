package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlPairReaderTest {

    /** Keeps what the reader reports, in order. */
    private static final class Recorder implements PairListener {
        final List<RecordedPair> pairs = new ArrayList<>();
        final List<String> bad = new ArrayList<>();

        @Override
        public void pair(RecordedPair pair) {
            pairs.add(pair);
        }

        @Override
        public void badLine(long line, String message) {
            bad.add(line + ": " + message);
        }
    }

    private static String line(JsonNode primary, JsonNode shadow) {
        return "{\"request\":{\"path\":\"/x\"},\"primary\":" + primary + ",\"shadow\":" + shadow + "}";
    }

    private static Recorder read(String text) throws IOException {
        Recorder recorder = new Recorder();
        new JsonlPairReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), recorder);
        return recorder;
    }

    @Test
    void readsPairsAndReportsEachBadLineWithItsNumber() throws Exception {
        JsonNode old = Fixtures.github("get-root_v2020-10_normalized").get("response");
        JsonNode now = Fixtures.github("get-root_v2022-07_normalized").get("response");
        String text = String.join("\n",
                line(old, now),
                "",
                "{\"primary\": 1, \"shadow\": ",
                "[1, 2]",
                "{\"request\": {}, \"primary\": {}}",
                "{\"primary\": {}, \"shadow\": {}} {\"again\": 1}",
                "{\"primary\": 1, \"primary\": 2, \"shadow\": 3}",
                "{\"primary\": null, \"shadow\": {\"a\": 1}}\r",
                line(now, now));

        Recorder r = read(text);

        assertThat(r.pairs).extracting(RecordedPair::line).containsExactly(1L, 8L, 9L);
        assertThat(r.pairs.get(0).primary()).isEqualTo(old);
        assertThat(r.pairs.get(0).request().get("path").asText()).isEqualTo("/x");
        assertThat(r.pairs.get(1).request().isMissingNode()).isTrue();
        assertThat(r.pairs.get(1).primary().isNull()).isTrue();
        assertThat(r.bad).hasSize(5);
        assertThat(r.bad.get(0)).startsWith("3: not valid JSON at column ");
        assertThat(r.bad.get(1)).isEqualTo("4: must be a JSON object with \"primary\" and \"shadow\", found array");
        assertThat(r.bad.get(2)).isEqualTo("5: has no \"shadow\" field");
        assertThat(r.bad.get(3)).startsWith("6: not valid JSON at column ").contains("Trailing token");
        assertThat(r.bad.get(4)).startsWith("7: not valid JSON").contains("Duplicate field 'primary'");
    }

    @Test
    void aLineLongerThanTheLimitIsReportedWithoutHoldingIt() throws Exception {
        String longLine = "{\"primary\": \"" + "x".repeat(500) + "\", \"shadow\": 1}";
        Recorder r = new Recorder();
        new JsonlPairReader(100).read(new ByteArrayInputStream(
                ("{\"primary\":1,\"shadow\":1}\n" + longLine + "\n{\"primary\":2,\"shadow\":2}").getBytes(StandardCharsets.UTF_8)), r);

        assertThat(r.bad).containsExactly("2: longer than 100 bytes; skipped");
        assertThat(r.pairs).extracting(RecordedPair::line).containsExactly(1L, 3L);
    }

    @Test
    void invalidUtf8IsABadLineNotAFailure() throws Exception {
        byte[] bytes = "{\"primary\":\"\u00e9\",\"shadow\":1}\n{\"primary\":\"X\",\"shadow\":1}\n".getBytes(StandardCharsets.ISO_8859_1);
        Recorder r = new Recorder();
        new JsonlPairReader().read(new ByteArrayInputStream(bytes), r);

        assertThat(r.bad).singleElement().asString().startsWith("1: not valid JSON").contains("UTF-8");
        assertThat(r.pairs).extracting(RecordedPair::line).containsExactly(2L);
    }

    @Test
    void readsGzippedFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pairs.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"primary\":1,\"shadow\":1}\n{\"primary\":1,\"shadow\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        Recorder r = new Recorder();
        new JsonlPairReader().read(file, r);
        assertThat(r.pairs).hasSize(2);
    }

    /**
     * A stream far larger than anything the reader may hold: lines are produced on demand and never
     * exist all at once, so this only passes if the reader streams.
     */
    @Test
    void streamsTwentyThousandPairsAcrossChunkBoundaries() throws Exception {
        byte[] pair = (line(Fixtures.github("errors-422_v2021-03_normalized").get("response"),
                Fixtures.github("errors-422_v2022-07_normalized").get("response")) + "\n").getBytes(StandardCharsets.UTF_8);
        long lines = 20_000;
        InputStream generated = new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= lines * pair.length) {
                    return -1;
                }
                return pair[(int) (position++ % pair.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len && position < lines * pair.length) {
                    int at = (int) (position % pair.length);
                    int count = Math.min(len - n, pair.length - at);
                    System.arraycopy(pair, at, b, off + n, count);
                    n += count;
                    position += count;
                }
                return n == 0 ? -1 : n;
            }
        };
        long[] count = new long[2];
        new JsonlPairReader().read(generated, new PairListener() {
            @Override
            public void pair(RecordedPair p) {
                count[0]++;
                count[1] = p.line();
            }

            @Override
            public void badLine(long line, String message) {
                throw new AssertionError(line + ": " + message);
            }
        });
        assertThat(count).containsExactly(lines, lines);
    }
}
