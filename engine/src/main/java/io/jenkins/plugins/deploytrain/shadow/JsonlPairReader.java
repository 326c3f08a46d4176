package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Streams recorded pairs from JSON Lines: one {@code {"request": ..., "primary": ..., "shadow": ...}}
 * object per line ({@code request} optional). Only one line is held at a time, so files of gigabytes
 * run in constant memory; a {@code .gz} file is read through gunzip. A line that is not such an
 * object is reported with its number and skipped; blank lines are skipped silently.
 */
public final class JsonlPairReader {

    /** Longer lines are reported bad without being held in memory. */
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final int maxLineBytes;

    public JsonlPairReader() {
        this(MAX_LINE_BYTES);
    }

    JsonlPairReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    public void read(Path file, PairListener listener) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            read(in, listener);
        }
    }

    public void read(InputStream in, PairListener listener) throws IOException {
        byte[] chunk = new byte[1 << 16];
        byte[] line = new byte[8192];
        int length = 0;
        boolean tooLong = false;
        long number = 1;
        int read;
        while ((read = in.read(chunk)) != -1) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                if (!tooLong) {
                    line = append(line, length, chunk, start, i - start);
                    tooLong = line == null;
                    length += i - start;
                }
                finish(line, length, tooLong, number++, listener);
                line = line == null ? new byte[8192] : line;
                length = 0;
                tooLong = false;
                start = i + 1;
            }
            if (!tooLong && start < read) {
                line = append(line, length, chunk, start, read - start);
                tooLong = line == null;
                length += read - start;
            }
        }
        if (length > 0 || tooLong) {
            finish(line, length, tooLong, number, listener);
        }
    }

    /** The line buffer with the bytes appended, or null once the line is longer than allowed. */
    private byte[] append(byte[] line, int length, byte[] from, int offset, int count) {
        if ((long) length + count > maxLineBytes) {
            return null;
        }
        byte[] target = line;
        if (length + count > target.length) {
            target = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, length + count), maxLineBytes));
        }
        System.arraycopy(from, offset, target, length, count);
        return target;
    }

    private void finish(byte[] line, int length, boolean tooLong, long number, PairListener listener) {
        if (tooLong) {
            listener.badLine(number, "longer than " + maxLineBytes + " bytes; skipped");
            return;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (isBlank(line, length)) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(line, 0, length);
        } catch (JsonProcessingException e) {
            String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            listener.badLine(number, "not valid JSON" + column + ": " + e.getOriginalMessage());
            return;
        } catch (IOException e) {
            listener.badLine(number, "cannot be read: " + e.getMessage());
            return;
        }
        if (!node.isObject()) {
            listener.badLine(number, "must be a JSON object with \"primary\" and \"shadow\", found " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        if (!node.has("primary") || !node.has("shadow")) {
            String missing = !node.has("primary") && !node.has("shadow") ? "\"primary\" and \"shadow\""
                    : !node.has("primary") ? "\"primary\"" : "\"shadow\"";
            listener.badLine(number, "has no " + missing + " field");
            return;
        }
        JsonNode request = node.has("request") ? node.get("request") : MissingNode.getInstance();
        listener.pair(new RecordedPair(number, request, node.get("primary"), node.get("shadow")));
    }

    private static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
