package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineWordsTest {

    @Test
    void quotesGroupAndNothingIsInterpreted() {
        assertThat(CommandLineWords.split("./deploy.sh --name 'my app' \"$HOME\" a\\ b *.yaml; rm -rf x"))
                .containsExactly("./deploy.sh", "--name", "my app", "$HOME", "a b", "*.yaml;", "rm", "-rf", "x");
    }

    @Test
    void anEmptyOrUnclosedCommandIsRefused() {
        assertThatThrownBy(() -> CommandLineWords.split("   ")).hasMessage("--deploy-command is empty");
        assertThatThrownBy(() -> CommandLineWords.split("deploy \"x")).hasMessageContaining("unclosed \" quote");
    }
}
