package io.jenkins.plugins.deploytrain.ledger;

import java.util.Optional;

/**
 * The ledger kept in memory, with the same compare-and-set as the file store and every write passed through
 * the file format and its checksum, for tests that run thousands of trains where fsync would dominate.
 */
public final class InMemoryLedgerStore implements LedgerStore {
    private Ledger current;
    private final Retention retention = Retention.DEFAULT;

    @Override
    public synchronized Optional<Ledger> load() {
        return Optional.ofNullable(current);
    }

    @Override
    public synchronized Ledger compareAndSet(long expectedRevision, Ledger next) {
        long actual = load().map(Ledger::revision).orElse(0L);
        if (actual != expectedRevision) {
            throw new RevisionConflictException(location(), expectedRevision, actual);
        }
        Ledger stored = retention.apply(next).atRevision(expectedRevision + 1);
        // every write still goes through the file format, so what is kept is what a file would give back
        current = LedgerJson.parse(LedgerJson.render(stored));
        return current;
    }

    @Override
    public String location() {
        return "memory";
    }
}
