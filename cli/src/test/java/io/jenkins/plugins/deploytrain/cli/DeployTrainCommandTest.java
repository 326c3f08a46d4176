package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class DeployTrainCommandTest {

    @Test
    void everySubcommandIsRegisteredUnderTheNameItsAnnotationGives() {
        CommandLine cli = DeployTrainCommand.commandLine();
        assertThat(cli.getSubcommands().keySet()).containsExactlyElementsOf(DeployTrainCommand.SUBCOMMANDS);
        cli.getSubcommands().forEach((name, sub) -> assertThat(
                        sub.getCommandSpec().userObject().getClass().getAnnotation(Command.class).name())
                .as(name)
                .isEqualTo(name));
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(DeployTrainCommand.commandLine("plan", "--train", "t.yaml").getSubcommands())
                .containsOnlyKeys("plan");
        assertThat(DeployTrainCommand.commandLine("status").getSubcommands()).containsOnlyKeys("status");
    }

    @Test
    void helpNoArgumentsAndTyposSeeEverySubcommand() {
        for (String[] args : new String[][] {{}, {"help"}, {"--help"}, {"plna"}}) {
            assertThat(DeployTrainCommand.commandLine(args).getSubcommands().keySet())
                    .as(String.join(" ", args))
                    .containsExactlyElementsOf(DeployTrainCommand.SUBCOMMANDS);
        }
        CliRun typo = CliRun.of("plna");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean: deploy-train plan");
        CliRun help = CliRun.of("help");
        assertThat(help.out()).contains("validate", "plan", "run", "serve", "gate-check");
    }

    @Test
    void enumValuesStayCaseInsensitiveWhenOnlyOneSubcommandIsBuilt() {
        String train = PlanCommandTest.TRAIN;
        CliRun run = CliRun.of("plan", "--train", train, "--start", PlanCommandTest.MONDAY, "--format", "JSON");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{");
    }
}
