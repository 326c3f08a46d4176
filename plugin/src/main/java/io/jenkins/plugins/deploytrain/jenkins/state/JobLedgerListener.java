package io.jenkins.plugins.deploytrain.jenkins.state;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.listeners.ItemListener;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a job's ledger in step with the job's name. The file itself needs nothing: it lives in the job's
 * folder, so a rename or move carries it along and a delete removes it (see {@link JobLedgerStore} for
 * why no write can bring it back). But the ledger names its job, and messages, the CLI and the REST API
 * show that name, so a renamed job's ledger is rewritten under the new one.
 */
@Extension
public class JobLedgerListener extends ItemListener {

    private static final Logger LOGGER = Logger.getLogger(JobLedgerListener.class.getName());

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        if (!(item instanceof Job<?, ?> job) || !Files.exists(JobLedgerStore.fileOf(job))) {
            return;
        }
        try {
            JobLedgerStore.of(job).update(newFullName, ledger -> renamed(ledger, newFullName));
        } catch (LedgerException | UncheckedIOException e) {
            // the rename itself succeeded; the ledger keeps working under its old name
            LOGGER.log(Level.WARNING, "Could not rename the Deploy Train ledger of " + newFullName, e);
        }
    }

    static Ledger renamed(Ledger ledger, String job) {
        return new Ledger(ledger.schemaVersion(), job, ledger.revision(), ledger.trains(), ledger.leases());
    }
}
