package io.jenkins.plugins.deploytrain.jenkins.state;

import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import jenkins.model.Jenkins;

/**
 * A job's ledger, kept in the job's own folder as {@code <job root>/deploy-train/ledger.json} so that it
 * moves with the job on rename or move and goes away with it on delete, and never mixes with
 * {@code config.xml} (which CasC and Job DSL overwrite).
 *
 * <p>The folder is looked up from the live job on every call rather than remembered: a build that runs
 * while its job is renamed keeps writing to the right place. A write for a job that is no longer
 * registered is refused, because the file store would otherwise recreate the deleted folder (with its
 * lock file) and hand a stale unfinished train to the next job created under that name.
 */
public final class JobLedgerStore implements LedgerStore {

    public static final String FOLDER = "deploy-train";

    private final Job<?, ?> job;

    private JobLedgerStore(Job<?, ?> job) {
        this.job = job;
    }

    public static JobLedgerStore of(Job<?, ?> job) {
        return new JobLedgerStore(job);
    }

    /** {@code <job root>/deploy-train}: the ledger, its previous copy and its lock file. */
    public static Path folderOf(Job<?, ?> job) {
        return job.getRootDir().toPath().resolve(FOLDER);
    }

    public static Path fileOf(Job<?, ?> job) {
        return folderOf(job).resolve(FileLedgerStore.FILE);
    }

    @Override
    public Optional<Ledger> load() {
        return files().load();
    }

    @Override
    public Ledger compareAndSet(long expectedRevision, Ledger next) {
        if (!registered()) {
            throw new LedgerException(Messages.JobLedgerStore_jobGone(job.getFullName()));
        }
        return files().compareAndSet(expectedRevision, next);
    }

    /** The file store's own update: read, change and write under its lock, without the read before it. */
    @Override
    public Ledger update(String name, UnaryOperator<Ledger> change) {
        if (!registered()) {
            throw new LedgerException(Messages.JobLedgerStore_jobGone(job.getFullName()));
        }
        return files().update(name, change);
    }

    @Override
    public String location() {
        return files().location();
    }

    private FileLedgerStore files() {
        return new FileLedgerStore(folderOf(job));
    }

    /** Looked up as SYSTEM: whether the job exists must not depend on who happens to write. */
    private boolean registered() {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            return Jenkins.get().getItemByFullName(job.getFullName(), Job.class) == job;
        }
    }
}
