package io.jenkins.plugins.deploytrain.shadow;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * When a verdict fails. With neither unexpected threshold set, a single unexpected pair fails
 * (the shadow must answer like the primary except for known discrepancies); bad lines fail only
 * when {@code maxBadLines} is set.
 */
public record Thresholds(OptionalLong maxUnexpected, OptionalDouble maxUnexpectedRate, OptionalLong maxBadLines) {

    public Thresholds {
        maxUnexpected.ifPresent(n -> require(n >= 0, "max unexpected must be 0 or more, found " + n));
        maxUnexpectedRate.ifPresent(r -> require(r >= 0 && r <= 1, "max unexpected rate must be between 0 and 1, found " + r));
        maxBadLines.ifPresent(n -> require(n >= 0, "max bad lines must be 0 or more, found " + n));
        if (maxUnexpected.isEmpty() && maxUnexpectedRate.isEmpty()) {
            maxUnexpected = OptionalLong.of(0);
        }
    }

    public static Thresholds strict() {
        return new Thresholds(OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
