package io.jenkins.plugins.deploytrain.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Hostile edits of a valid YAML document, each one a way real files go wrong or attackers try. */
enum YamlMutations {
    DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, RANDOM_BYTES, FLIP_BYTE, TRUNCATE, ALIAS_BOMB, HUGE_NUMBER,
    DEEP_NESTING, INVALID_UTF8, LONG_LINE, TAB_INDENT, UNKNOWN_TAG;

    /** Applies this mutation to {@code text} with choices drawn from {@code random}. */
    byte[] apply(byte[] text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(text, StandardCharsets.UTF_8).split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (this) {
            case DELETE_LINE -> lines.remove(at);
            case DUPLICATE_LINE -> lines.add(at, lines.get(at));
            case SWAP_LINES -> java.util.Collections.swap(lines, at, random.nextInt(lines.size()));
            case ALIAS_BOMB -> lines.add(at, billionLaughs(random.nextInt(6) + 4));
            case HUGE_NUMBER -> lines.set(at, replaceValue(lines.get(at), hugeNumber(random)));
            case DEEP_NESTING -> lines.set(at, replaceValue(lines.get(at), deep(random.nextInt(5000) + 50)));
            case LONG_LINE -> lines.set(at, replaceValue(lines.get(at), "x".repeat(random.nextInt(200_000) + 10_000)));
            case TAB_INDENT -> lines.set(at, "\t" + lines.get(at));
            case UNKNOWN_TAG -> lines.set(at, replaceValue(lines.get(at), "!!java.net.URL [\"http://127.0.0.1/\"]"));
            default -> {
                return bytes(text, random);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] bytes(byte[] text, Random random) {
        int at = text.length == 0 ? 0 : random.nextInt(text.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (this) {
            case RANDOM_BYTES -> {
                out.write(text, 0, at);
                byte[] noise = new byte[random.nextInt(32) + 1];
                random.nextBytes(noise);
                out.writeBytes(noise);
                out.write(text, at, text.length - at);
            }
            case FLIP_BYTE -> {
                byte[] copy = text.clone();
                if (copy.length > 0) {
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
            case TRUNCATE -> out.write(text, 0, at);
            case INVALID_UTF8 -> {
                out.write(text, 0, at);
                // a lone continuation byte, an overlong encoding and a truncated 3-byte sequence
                out.writeBytes(new byte[] {(byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xE2, (byte) 0x82});
                out.write(text, at, text.length - at);
            }
            default -> throw new IllegalStateException(name());
        }
        return out.toByteArray();
    }

    private static String replaceValue(String line, String value) {
        int colon = line.indexOf(':');
        return colon < 0 ? line + " " + value : line.substring(0, colon + 1) + " " + value;
    }

    private static String hugeNumber(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "9".repeat(random.nextInt(5000) + 20);
            case 1 -> "1e" + (random.nextInt(1_000_000) + 400);
            case 2 -> "-" + Long.MAX_VALUE + "0";
            default -> "2147483648";
        };
    }

    private static String deep(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** The classic "billion laughs": each level references the previous one ten times. */
    static String billionLaughs(int levels) {
        StringBuilder bomb = new StringBuilder("bomb0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < levels; level++) {
            bomb.append("bomb").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            bomb.append("]\n");
        }
        return bomb.toString();
    }
}
