package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deploy-train serve}: the train view of a state folder without a running train, e.g. for a train that
 * exited waiting for an approval; a decision given on the page is recorded like {@code deploy-train approve}.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the train view of the state folder's newest train on http://127.0.0.1:PORT/ until stopped (Ctrl-C). "
                    + "Approvals given on the page are recorded in the ledger; run the train again to continue.",
            "Exit status: 2 bad input (the port is taken), 4 damaged ledger."
        })
final class ServeCommand implements Callable<Integer> {

    @Mixin
    StateOptions state;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "The port on 127.0.0.1 (0: any free port).")
    int port;

    @Option(names = "--train", paramLabel = "ID", description = "The train to show (default: the newest unfinished one, else the newest).")
    String trainId;

    @Option(names = "--by", paramLabel = "NAME", description = "Who approves on the page, for the audit log (default: $USER).")
    String by;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("serve: --port must be between 0 and 65535, not " + port);
            return ExitCodes.BAD_INPUT;
        }
        FileLedgerStore store = state.store();
        if (!state.usable(store, err, "serve")) {
            return ExitCodes.LEDGER_DAMAGED;
        }
        String who = by != null ? by : System.getProperty("user.name", "unknown");
        // no train file here: the view shows the ledger and the reconciler's question, without a planner's schedule
        ServedView view = new ServedView(trainId, Clock.systemUTC(), (target, notBefore) -> Optional.of(notBefore), new CliWorker(),
                ServedView.unplanned());
        LedgerServer server;
        try {
            server = new LedgerServer(port, store, view, who);
        } catch (BindException taken) {
            err.println("serve: cannot listen on 127.0.0.1:" + port + ": " + taken.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println("serve: cannot start the server: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        err.println("serving the train view of " + store.file() + " on " + server.url() + " (approvals there are recorded as " + who
                + "); Ctrl-C stops");
        err.flush();
        stopped.await();
        return ExitCodes.COMPLETED;
    }
}
