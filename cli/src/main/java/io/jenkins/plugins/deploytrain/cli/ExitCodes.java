package io.jenkins.plugins.deploytrain.cli;

/** Exit codes of every subcommand; 2 is also picocli's for a wrong command line. */
final class ExitCodes {

    static final int OK = 0;
    /** A file has problems, or the train cannot be planned. */
    static final int INVALID = 1;
    static final int USAGE = 2;

    /** {@code run}, {@code status} and {@code approve}. */
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int AWAITING_APPROVAL = 3;
    static final int LEDGER_DAMAGED = 4;

    private ExitCodes() {}
}
