package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.YamlTree;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {

    private static Optional<ConfigNode> section(String yaml, String name) {
        var entry = ((ConfigNode.MapNode) YamlTree.parse(yaml, "train.yaml")).entries().get(name);
        return Optional.ofNullable(entry).map(ConfigNode.Entry::value);
    }

    @Test
    void readsTheChannelAndWhoMayApprove() {
        String yaml = """
                slack: {channel: C1H9RESGL, pollReplies: 20s}
                approvers:
                  names: [alice]
                  groups: [release-managers]
                  slack: {U061F7AUR: alice, U0GROUPIE: carol}
                """;
        SlackSettings s = SlackSettings.read(section(yaml, "slack"), section(yaml, "approvers"));
        assertThat(s.channel()).contains("C1H9RESGL");
        assertThat(s.pollReplies()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.approvers().nameOfSlackUser("U061F7AUR")).contains("alice");
        assertThat(s.approvers().mayApprove("alice")).isTrue();
        assertThat(s.approvers().mayApprove("carol")).as("carol's groups are not known yet").isFalse();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String yaml = """
                slack: {channel: 'deploys', token: xoxb-1234}
                approvers:
                  slack: {alice: alice}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SlackSettings.read(section(yaml, "slack"), section(yaml, "approvers")));
        assertThat(e.problems()).extracting(p -> p.line() + " " + p.field() + ": " + p.message()).containsExactlyInAnyOrder(
                "1 slack.token: unknown field 'token' (expected one of channel, pollReplies)",
                "1 slack.channel: a Slack channel is an id like C0123456789 or a name like #deploys",
                "3 approvers.slack.alice: a Slack user id looks like U061F7AUR",
                "3 approvers: name at least one approver in 'names' or 'groups'");
        assertThat(e.getMessage()).doesNotContain("xoxb-1234");
    }
}
