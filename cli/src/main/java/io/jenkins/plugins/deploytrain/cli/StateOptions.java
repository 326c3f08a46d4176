package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.LedgerDamagedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The state folder options shared by run, status and approve. */
final class StateOptions {
    @Option(names = "--state", required = true, paramLabel = "DIR", description = "The job's state folder (its ledger.json).")
    Path dir;

    @Option(names = "--restore-previous", description = "If the ledger is damaged, continue from its previous good copy.")
    boolean restorePrevious;

    FileLedgerStore store() {
        return new FileLedgerStore(dir);
    }

    /**
     * Checks the ledger can be read; restores its previous copy if asked. Returns false (having said why) if the
     * ledger is damaged and not restored.
     */
    boolean usable(FileLedgerStore store, PrintWriter err, String command) {
        try {
            store.load();
            return true;
        } catch (LedgerDamagedException damaged) {
            if (restorePrevious && damaged.previousRevision().isPresent()) {
                store.restorePrevious();
                err.println(command + ": restored " + store.file() + " from its previous copy (revision "
                        + damaged.previousRevision().get() + "); the damaged file is kept as "
                        + damaged.file().getFileName() + ".damaged");
                return true;
            }
            err.println(command + ": " + damaged.getMessage());
            return false;
        }
    }
}
