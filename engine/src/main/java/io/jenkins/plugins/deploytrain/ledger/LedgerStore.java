package io.jenkins.plugins.deploytrain.ledger;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Where one job's ledger lives. Every write is a compare-and-set on the revision. */
public interface LedgerStore {

    /** The stored ledger, or empty if the job never ran. Throws {@link LedgerDamagedException} if damaged. */
    Optional<Ledger> load();

    /**
     * Stores {@code next} if the stored revision is still {@code expectedRevision} (0 when nothing is stored);
     * returns what was stored, at revision {@code expectedRevision + 1}.
     *
     * @throws RevisionConflictException if another writer was first
     */
    Ledger compareAndSet(long expectedRevision, Ledger next);

    /** Where the ledger is, for messages. */
    String location();

    /** Reads, applies {@code change} and writes, retrying when another writer was first. */
    default Ledger update(String job, UnaryOperator<Ledger> change) {
        while (true) {
            Ledger current = load().orElseGet(() -> Ledger.empty(job));
            Ledger next = change.apply(current);
            if (LedgerTransition.same(next, current)) {
                return current;
            }
            try {
                return compareAndSet(current.revision(), next);
            } catch (RevisionConflictException lost) {
                // someone else wrote in between: read their write and apply the change on top of it
            }
        }
    }
}
