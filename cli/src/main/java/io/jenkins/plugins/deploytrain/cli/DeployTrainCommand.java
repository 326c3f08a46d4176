package io.jenkins.plugins.deploytrain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deploy-train} command: one subcommand per capability of the engine. */
@Command(
        name = "deploy-train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Rolls a release or a Terraform change across a fleet, zone by zone, slowly and safely.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ValidateCommand.class,
            PlanCommand.class,
            TfCompareCommand.class,
            ShadowDiffCommand.class,
            RunCommand.class,
            StatusCommand.class,
            ApproveCommand.class,
            GateCheckCommand.class,
            ServeCommand.class,
        })
public final class DeployTrainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new DeployTrainCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
