package io.jenkins.plugins.deploytrain.cli;

/** Exit codes of every subcommand; 2 is picocli's for a wrong command line. */
final class ExitCodes {

    static final int OK = 0;
    /** A file has problems, or the train cannot be planned. */
    static final int INVALID = 1;
    static final int USAGE = 2;

    private ExitCodes() {}
}
