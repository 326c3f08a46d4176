package io.jenkins.plugins.deploytrain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.VersionMatrix;
import io.jenkins.plugins.deploytrain.fleetstate.FleetSnapshot;
import io.jenkins.plugins.deploytrain.fleetstate.FleetStateDamagedException;
import io.jenkins.plugins.deploytrain.fleetstate.ServiceMatrix;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deploy-train status}: the job's trains and their targets, from the ledger. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the trains recorded in a state folder and where each target stands; with --matrix --fleet-state, which"
                    + " version of each service every runner sharing that folder deployed where.",
            "Exit status: 0 shown, 2 no ledger in the folder, 4 damaged ledger (the previous good copy is offered)."
        })
final class StatusCommand implements Callable<Integer> {

    enum Format { TEXT, JSON }

    @Option(names = "--state", paramLabel = "DIR", description = "The job's state folder (its ledger.json).")
    Path stateDir;

    @Option(names = "--restore-previous", description = "If the ledger is damaged, continue from its previous good copy.")
    boolean restorePrevious;

    @Mixin
    FleetStateOptions fleetState;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--matrix", description = "Show which version runs in each environment and zone (and which one is rolling there now) instead of the trains.")
    boolean matrix;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (fleetState.given()) {
            if (!matrix || stateDir != null) {
                err.println("status: --fleet-state shows the matrix across runners: give it with --matrix and without --state");
                return ExitCodes.BAD_INPUT;
            }
            return fleetMatrix(out, err);
        }
        if (stateDir == null) {
            err.println("status: give --state DIR (a job's state folder), or --matrix --fleet-state DIR");
            return ExitCodes.BAD_INPUT;
        }
        StateOptions state = new StateOptions();
        state.dir = stateDir;
        state.restorePrevious = restorePrevious;
        FileLedgerStore store = state.store();
        if (!state.usable(store, err, "status")) {
            return ExitCodes.LEDGER_DAMAGED;
        }
        Optional<Ledger> ledger = store.load();
        if (ledger.isEmpty()) {
            err.println("status: no ledger in " + state.dir + " (no train ran with --state " + state.dir + ")");
            return ExitCodes.BAD_INPUT;
        }
        if (matrix) {
            VersionMatrix versions = VersionMatrix.of(ledger.get());
            out.print(format == Format.JSON ? json(versions) + "\n" : matrixText(versions));
        } else {
            out.print(format == Format.JSON ? LedgerJson.toJson(ledger.get()) + "\n" : text(ledger.get()));
        }
        out.flush();
        return ExitCodes.COMPLETED;
    }

    private int fleetMatrix(PrintWriter out, PrintWriter err) {
        FleetSnapshot state;
        try {
            state = fleetState.store().read();
        } catch (FleetStateDamagedException e) {
            err.println("status: " + e.getMessage());
            return ExitCodes.LEDGER_DAMAGED;
        }
        List<ServiceMatrix> matrices = ServiceMatrix.services(state).stream().map(s -> ServiceMatrix.of(state, s)).toList();
        out.print(format == Format.JSON ? json(matrices) + "\n" : FleetMatrixText.of(matrices, fleetState.dir));
        out.flush();
        return ExitCodes.COMPLETED;
    }

    private static String json(Object versions) {
        try {
            return LedgerJson.mapper().writeValueAsString(versions);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per environment, one column per zone: the deployed version, and the one rolling there now. */
    static String matrixText(VersionMatrix versions) {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("environment"));
        header.addAll(versions.zones());
        table.add(header);
        for (VersionMatrix.Row row : versions.rows()) {
            List<String> line = new ArrayList<>(List.of(row.environment()));
            row.cells().forEach(c -> line.add(cell(c)));
            table.add(line);
        }
        StringBuilder s = new StringBuilder("job " + versions.job() + ": versions by environment and zone\n");
        if (versions.rows().isEmpty()) {
            return s.append("no train has reached a target yet\n").toString();
        }
        return s.append(table(table)).toString();
    }

    /** Rows of cells as aligned columns. */
    static String table(List<List<String>> table) {
        int[] widths = new int[table.get(0).size()];
        table.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder s = new StringBuilder();
        for (List<String> line : table) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                l.append(String.format("%-" + (widths[i] + 2) + "s", line.get(i)));
            }
            s.append(l.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }

    private static String cell(VersionMatrix.Cell c) {
        String deployed = c.deployed() == null ? "-" : c.deployed().version();
        return c.rolling() == null ? deployed
                : deployed + " > " + c.rolling().version() + " (" + c.rolling().status().json() + ")";
    }

    static String text(Ledger ledger) {
        StringBuilder s = new StringBuilder("job " + ledger.job() + " (ledger revision " + ledger.revision() + ")\n");
        for (Train t : ledger.trains()) {
            s.append("\ntrain ").append(t.id()).append(": ").append(t.service()).append(' ').append(t.version())
                    .append(", ").append(t.status().json()).append(", ").append(t.targetsDone()).append('/')
                    .append(t.targets().size()).append(" targets done, started ").append(t.created()).append(" by ").append(t.by());
            if (t.reason() != null) {
                s.append("\n  ").append(t.reason());
            }
            s.append('\n');
            for (TargetRecord x : t.targets()) {
                s.append(String.format("  %-40s %-18s", x.id(), x.status().json()));
                Optional<Attempt> last = x.lastAttempt();
                last.ifPresent(a -> s.append(" attempt ").append(a.number()).append(' ').append(a.outcome().json())
                        .append(a.ended() != null ? " at " + a.ended() : " since " + a.started()));
                if (x.waitUntil() != null) {
                    s.append(" until ").append(x.waitUntil());
                }
                s.append('\n');
            }
        }
        return s.toString();
    }
}
