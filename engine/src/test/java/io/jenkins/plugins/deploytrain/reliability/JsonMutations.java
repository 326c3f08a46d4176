package io.jenkins.plugins.deploytrain.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Hostile edits of a JSON document: torn, flipped, noisy, invalid UTF-8, huge numbers, deep nesting. */
enum JsonMutations {
    TRUNCATE, FLIP_BYTE, RANDOM_BYTES, INVALID_UTF8, HUGE_NUMBER, DEEP_NESTING, DELETE_SPAN, DUPLICATE_SPAN;

    byte[] apply(byte[] json, Random random) {
        int at = json.length == 0 ? 0 : random.nextInt(json.length);
        int end = Math.min(json.length, at + random.nextInt(64) + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (this) {
            case TRUNCATE -> out.write(json, 0, at);
            case FLIP_BYTE -> {
                byte[] copy = json.clone();
                if (copy.length > 0) {
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
            case DELETE_SPAN -> {
                out.write(json, 0, at);
                out.write(json, end, json.length - end);
            }
            case DUPLICATE_SPAN -> {
                out.write(json, 0, end);
                out.write(json, at, json.length - at);
            }
            default -> {
                out.write(json, 0, at);
                out.writeBytes(insertion(random));
                out.write(json, at, json.length - at);
            }
        }
        return out.toByteArray();
    }

    private byte[] insertion(Random random) {
        return switch (this) {
            case RANDOM_BYTES -> {
                byte[] noise = new byte[random.nextInt(32) + 1];
                random.nextBytes(noise);
                yield noise;
            }
            case INVALID_UTF8 -> new byte[] {(byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xE2, (byte) 0x82};
            case HUGE_NUMBER -> ("9".repeat(random.nextInt(5000) + 20) + "e" + random.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
            case DEEP_NESTING -> {
                int depth = random.nextInt(5000) + 50;
                yield ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalStateException(name());
        };
    }
}
