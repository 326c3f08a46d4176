package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.YamlTree;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.gate.GatesConfigReader;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A credential pasted into a configuration file where it does not belong (a token under slack:, an API
 * key in a gate, a password at the top) is rejected, and the error never repeats it: the marker value
 * must not appear in the message, the problems or their text.
 */
class SecretsInConfigErrorsTest {

    private static final String MARKER = "xoxb-SECRET-MARKER-31c9e0";
    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(SecretsInConfigErrorsTest.class);

    @Test
    void aSecretMisplacedInTrainYamlIsRejectedWithoutBeingRepeated() {
        Fleet fleet = FleetLoader.load(EXAMPLES.resolve("fleet.yaml"));
        List<String> misplaced = List.of(
                "token: " + MARKER,
                "slack: {channel: C0123456789, token: " + MARKER + "}",
                "slack: {channel: C0123456789, botToken: '" + MARKER + "'}",
                "password: \"" + MARKER + "\"",
                "apiKey: " + MARKER,
                "gates:\n  primary:\n    - name: m\n      datadog: {ids: [1], apiKey: " + MARKER + "}",
                "gates:\n  primary:\n    - name: m\n      prometheus: {query: up, token: " + MARKER + "}",
                "secret: [" + MARKER + "]");
        for (String yaml : misplaced) {
            String train = "service: payments-api\nversion: 1.0.0\n" + yaml + "\n";
            Throwable thrown = catchThrowable(() -> readLikeTheRunner(train, fleet));
            FIGURES.count("misplaced secrets rejected");
            assertThat(thrown).as(yaml).isInstanceOf(ConfigException.class);
            ConfigException rejected = (ConfigException) thrown;
            assertThat(rejected.getMessage()).as(yaml).doesNotContain(MARKER).contains("train.yaml");
            assertThat(rejected.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain(MARKER));
        }
    }

    /** The train spec, then its slack: and gates: sections, which their own packages read from the same tree. */
    private static void readLikeTheRunner(String train, Fleet fleet) {
        ConfigNode root = YamlTree.parse(train, "train.yaml");
        TrainSpecLoader.read(root, Optional.of(fleet));
        Map<String, ConfigNode.Entry> sections = ((ConfigNode.MapNode) root).entries();
        SlackSettings.read(Optional.ofNullable(sections.get("slack")).map(ConfigNode.Entry::value),
                Optional.ofNullable(sections.get("approvers")).map(ConfigNode.Entry::value));
        Optional.ofNullable(sections.get("gates")).map(ConfigNode.Entry::value).ifPresent(GatesConfigReader::read);
    }

    @Test
    void aSecretIsNeverItsOwnText() {
        Secret secret = new Secret(MARKER);
        assertThat(secret.toString()).doesNotContain(MARKER);
        assertThat(String.valueOf(List.of(secret))).doesNotContain(MARKER);
        assertThat(secret.reveal()).isEqualTo(MARKER);
    }

    @AfterAll
    static void writeFigures() {
        FIGURES.write();
    }
}
