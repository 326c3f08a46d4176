package io.jenkins.plugins.deploytrain.cli;

/** Exit statuses of {@code run}, {@code status} and {@code approve}. */
final class ExitCodes {
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int AWAITING_APPROVAL = 3;
    static final int LEDGER_DAMAGED = 4;

    private ExitCodes() {}
}
