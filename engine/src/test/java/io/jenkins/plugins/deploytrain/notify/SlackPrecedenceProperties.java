package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.Configured;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.InEffect;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.SlackPluginSettings;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.Source;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever is configured where, a setting set at a higher level is the one in effect. */
class SlackPrecedenceProperties {

    @Property
    void aSettingSetHigherUpAlwaysWins(
            @ForAll("setting") String stepChannel,
            @ForAll("setting") String trainChannel,
            @ForAll("setting") String globalChannel,
            @ForAll("setting") String room,
            @ForAll("setting") String stepCredential,
            @ForAll("setting") String globalCredential,
            @ForAll("setting") String pluginCredential,
            @ForAll boolean botUser,
            @ForAll boolean slackPluginInstalled) {
        Optional<SlackPluginSettings> plugin = slackPluginInstalled
                ? Optional.of(new SlackPluginSettings(room, pluginCredential, null, botUser))
                : Optional.empty();
        InEffect inEffect = SlackPrecedence.decide(new Configured(
                stepChannel, Optional.ofNullable(trainChannel), globalChannel, stepCredential, globalCredential, null, plugin));

        if (set(stepChannel)) {
            assertThat(inEffect.channel().orElseThrow().source()).isEqualTo(Source.STEP);
        } else if (set(trainChannel)) {
            assertThat(inEffect.channel().orElseThrow().source()).isEqualTo(Source.TRAIN_FILE);
        } else if (set(globalChannel)) {
            assertThat(inEffect.channel().orElseThrow().source()).isEqualTo(Source.DEPLOY_TRAIN);
        } else if (slackPluginInstalled && set(room)) {
            assertThat(inEffect.channel().orElseThrow()).extracting(c -> c.source(), c -> c.value())
                    .containsExactly(Source.SLACK_PLUGIN, "#" + room.trim());
        } else {
            assertThat(inEffect.channel()).isEmpty();
        }

        if (set(stepCredential)) {
            assertThat(inEffect.credentialsId().orElseThrow().value()).isEqualTo(stepCredential.trim());
        } else if (set(globalCredential)) {
            assertThat(inEffect.credentialsId().orElseThrow().value()).isEqualTo(globalCredential.trim());
        } else if (slackPluginInstalled && botUser && set(pluginCredential)) {
            assertThat(inEffect.credentialsId().orElseThrow().source()).isEqualTo(Source.SLACK_PLUGIN);
        } else {
            assertThat(inEffect.credentialsId()).isEmpty();
        }
        if (!slackPluginInstalled) {
            assertThat(inEffect.usesSlackPlugin()).isFalse();
            assertThat(inEffect.describe()).doesNotContain("Slack plugin");
        }
    }

    /** Unset (null, empty, blank) or a plain name, which is a valid channel name and credential id alike. */
    @Provide
    Arbitrary<String> setting() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of("", "  "),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12));
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }
}
