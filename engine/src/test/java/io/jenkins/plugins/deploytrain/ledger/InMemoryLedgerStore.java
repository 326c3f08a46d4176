package io.jenkins.plugins.deploytrain.ledger;

import java.util.Optional;

/**
 * The ledger kept in memory with the same compare-and-set and retention as the file store, for tests that run
 * thousands of trains where fsync would dominate (the file format has its own tests).
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
        current = stored;
        return current;
    }

    @Override
    public String location() {
        return "memory";
    }
}
