package io.jenkins.plugins.deploytrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code scale} times faster than real time from {@code start}, anchored at the real
 * instant the train first ran. The anchor is kept in the state folder, so a runner restarted after a
 * crash continues the same simulated time instead of going back to {@code start}.
 */
final class ScaledClock extends Clock {
    static final String FILE = "clock.json";

    private final Instant start;
    private final Instant realAnchor;
    private final double scale;
    private final Clock real;

    ScaledClock(Instant start, Instant realAnchor, double scale, Clock real) {
        this.start = start;
        this.realAnchor = realAnchor;
        this.scale = scale;
        this.real = real;
    }

    /** The clock of the state folder: the stored anchor if it was made for the same start and scale, else a new one. */
    static ScaledClock anchored(Path stateDir, Instant start, double scale) {
        Path file = stateDir.resolve(FILE);
        try {
            JsonNode stored = LedgerJson.mapper().readTree(Files.readAllBytes(file));
            if (Instant.parse(stored.path("start").asText()).equals(start) && stored.path("scale").asDouble() == scale) {
                return new ScaledClock(start, Instant.parse(stored.path("realAnchor").asText()), scale, Clock.systemUTC());
            }
        } catch (NoSuchFileException firstRun) {
            // anchored below
        } catch (IOException | RuntimeException unreadable) {
            // a clock file from an interrupted write or another version: anchor anew, the ledger has the truth
        }
        Instant anchor = Instant.now();
        try {
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, "{\"start\":\"" + start + "\",\"scale\":" + scale + ",\"realAnchor\":\"" + anchor + "\"}\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return new ScaledClock(start, anchor, scale, Clock.systemUTC());
    }

    @Override
    public Instant instant() {
        Duration elapsed = Duration.between(realAnchor, real.instant());
        return start.plusNanos((long) (elapsed.toNanos() * scale));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ScaledClock(start, realAnchor, scale, real.withZone(zone));
    }
}
