package io.jenkins.plugins.deploytrain.shadow;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders release versions the way people read them: dot, dash or plus separated parts, numeric parts
 * by number ({@code 2.10 > 2.9}), other parts by text; a missing part counts as zero
 * ({@code 2.4 == 2.4.0}).
 */
public final class Versions {
    private static final Pattern RUN = Pattern.compile("\\d+|\\D+");

    private Versions() {}

    public static int compare(String a, String b) {
        String[] x = parts(a);
        String[] y = parts(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = comparePart(p, q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String[] parts(String version) {
        String v = version.strip();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        return v.split("[.+-]");
    }

    private static int comparePart(String p, String q) {
        boolean pn = isNumber(p);
        boolean qn = isNumber(q);
        if (pn && qn) {
            return new BigInteger(p).compareTo(new BigInteger(q));
        }
        if (pn != qn) {
            // a release part (number) sorts after a pre-release tag: 2.0.0 > 2.0.0-rc1
            return pn ? 1 : -1;
        }
        return compareRuns(p, q);
    }

    /** Text with numbers inside, such as rc2 and rc10, compares its digit runs by number. */
    private static int compareRuns(String p, String q) {
        Matcher x = RUN.matcher(p);
        Matcher y = RUN.matcher(q);
        while (x.find() && y.find()) {
            String a = x.group();
            String b = y.group();
            int c = isNumber(a) && isNumber(b) ? new BigInteger(a).compareTo(new BigInteger(b)) : a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(p.length(), q.length());
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
