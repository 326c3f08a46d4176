package io.jenkins.plugins.deploytrain.ledger;

/** A ledger could not be read or written; the message names the file and says what to do. */
public class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
