package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.io.PrintWriter;
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
            "Shows the trains recorded in a state folder and where each target stands.",
            "Exit status: 0 shown, 2 no ledger in the folder, 4 damaged ledger (the previous good copy is offered)."
        })
final class StatusCommand implements Callable<Integer> {

    enum Format { TEXT, JSON }

    @Mixin
    StateOptions state;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FileLedgerStore store = state.store();
        if (!state.usable(store, err, "status")) {
            return ExitCodes.LEDGER_DAMAGED;
        }
        Optional<Ledger> ledger = store.load();
        if (ledger.isEmpty()) {
            err.println("status: no ledger in " + state.dir + " (no train ran with --state " + state.dir + ")");
            return ExitCodes.BAD_INPUT;
        }
        out.print(format == Format.JSON ? LedgerJson.toJson(ledger.get()) + "\n" : text(ledger.get()));
        out.flush();
        return ExitCodes.COMPLETED;
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
