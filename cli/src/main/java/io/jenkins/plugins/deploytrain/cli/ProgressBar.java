package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.reconcile.TrainEta;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runner's progress line: zones and environments done out of total, the ETA (TrainEta: the planner's, if
 * approved now while the train waits for a person, the completion time once complete) and what happens now, times
 * to the second. On a terminal it redraws one line; otherwise it prints a line whenever the text changes (logs, CI).
 */
final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final Fleet fleet;
    private final TrainSpec spec;
    private String last = "";

    ProgressBar(PrintWriter out, boolean terminal, Fleet fleet, TrainSpec spec) {
        this.out = out;
        this.terminal = terminal;
        this.fleet = fleet;
        this.spec = spec;
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
                + envDone.size() + " environments, " + TrainEta.of(fleet, spec, train, now).map(TrainEta::describe).orElse("no ETA")
                + " | " + doing;
    }

    /** An instant as the progress line prints it: to the second. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
