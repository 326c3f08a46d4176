package io.jenkins.plugins.deploytrain.ledger;

/** A compare-and-set lost: someone else wrote the ledger since it was read. Read again and redo. */
public final class RevisionConflictException extends LedgerException {
    private static final long serialVersionUID = 1L;

    private final long expected;
    private final long actual;

    public RevisionConflictException(String where, long expected, long actual) {
        super("The ledger " + where + " is at revision " + actual + ", not " + expected + ": another writer was first");
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
