package io.jenkins.plugins.deploytrain.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code deploy-train} in-process with captured output, as a user's shell would see it. */
record CliRun(int exitCode, String out, String err) {

    /** {@code run} with these variables as its environment (Datadog keys, Slack token) instead of the process'. */
    static CliRun run(Map<String, String> environment, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = DeployTrainCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        RunCommand run = cli.getSubcommands().get("run").getCommand();
        run.monitoring.environment = environment;
        run.slack.environment = environment;
        int code = cli.execute(args.toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = DeployTrainCommand.commandLine(args); // as main builds it
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
