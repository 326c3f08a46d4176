package io.jenkins.plugins.deploytrain.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deploy-train} command: one subcommand per capability of the engine. */
@Command(
        name = "deploy-train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Rolls a release or a Terraform change across a fleet, zone by zone, slowly and safely.")
public final class DeployTrainCommand implements Runnable {

    /** Every subcommand, in the order the usage lists them. */
    static final List<String> SUBCOMMANDS = List.of(
            "help", "validate", "plan", "tf-compare", "shadow-diff", "run", "status", "approve", "gate-check", "serve");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
    }

    /** The whole command line, every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cli = root();
        for (String name : SUBCOMMANDS) {
            cli.addSubcommand(name, subcommand(name));
        }
        return cli.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * The command line for these arguments: when the first one names a subcommand, only that subcommand is
     * registered. Picocli reflects over every registered subcommand's options (and loads the classes their
     * fields name) before it parses; a short command need not pay for {@code run}'s and {@code serve}'s.
     * Anything else (no argument, help, a typo that deserves suggestions) gets the whole command line.
     */
    static CommandLine commandLine(String... args) {
        if (args.length == 0 || args[0].equals("help") || !SUBCOMMANDS.contains(args[0])) {
            return commandLine();
        }
        CommandLine cli = root();
        cli.addSubcommand(args[0], subcommand(args[0]));
        return cli.setCaseInsensitiveEnumValuesAllowed(true); // set after adding: it applies to the subcommands there
    }

    private static CommandLine root() {
        return new CommandLine(new DeployTrainCommand());
    }

    // A switch rather than a map of constructors: no lambda to bootstrap at start-up.
    private static Object subcommand(String name) {
        switch (name) {
            case "help":
                return new CommandLine.HelpCommand();
            case "validate":
                return new ValidateCommand();
            case "plan":
                return new PlanCommand();
            case "tf-compare":
                return new TfCompareCommand();
            case "shadow-diff":
                return new ShadowDiffCommand();
            case "run":
                return new RunCommand();
            case "status":
                return new StatusCommand();
            case "approve":
                return new ApproveCommand();
            case "gate-check":
                return new GateCheckCommand();
            case "serve":
                return new ServeCommand();
            default:
                throw new IllegalArgumentException("no subcommand " + name);
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }
}
