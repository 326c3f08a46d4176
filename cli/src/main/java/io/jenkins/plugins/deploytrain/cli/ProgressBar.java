package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runner's progress line: zones and environments done out of total, the ETA and what happens now.
 * On a terminal it redraws one line; otherwise it prints a line whenever the text changes (logs, CI).
 */
final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final DeployWindows windows;
    private final Duration zoneEstimate;
    private String last = "";

    ProgressBar(PrintWriter out, boolean terminal, DeployWindows windows, Duration zoneEstimate) {
        this.out = out;
        this.terminal = terminal;
        this.windows = windows;
        this.zoneEstimate = zoneEstimate;
    }

    void show(Train train, Instant now, String doing) {
        String line = render(train, now, doing);
        if (line.equals(last)) {
            return;
        }
        last = line;
        out.print(terminal ? "\r\033[K" + line : line + System.lineSeparator());
        out.flush();
    }

    void end() {
        if (terminal && !last.isEmpty()) {
            out.println();
            out.flush();
        }
    }

    String render(Train train, Instant now, String doing) {
        int total = train.targets().size();
        long done = train.targetsDone();
        Map<String, Boolean> envDone = new LinkedHashMap<>();
        for (TargetRecord t : train.targets()) {
            envDone.merge(t.environment(), t.status().done(), Boolean::logicalAnd);
        }
        long envs = envDone.values().stream().filter(b -> b).count();
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + " zones, " + envs + "/"
                + envDone.size() + " environments, ETA " + eta(train, now) + " | " + doing;
    }

    /** When the train would end from now: each remaining target at its next window, then its soak or bake. */
    Instant eta(Train train, Instant now) {
        Instant cursor = now;
        for (TargetRecord t : train.targets()) {
            if (t.status().done()) {
                continue;
            }
            if (t.status() == TargetStatus.SOAKING && t.waitUntil() != null) {
                cursor = t.waitUntil().isAfter(cursor) ? t.waitUntil() : cursor;
                continue;
            }
            Instant begin = windows.earliestStart(t, cursor).orElse(cursor);
            cursor = begin.plus(zoneEstimate).plus(t.waitAfter());
        }
        return cursor;
    }
}
