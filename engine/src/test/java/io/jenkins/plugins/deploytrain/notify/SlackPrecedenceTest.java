package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.Chosen;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.Configured;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.InEffect;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.SlackPluginSettings;
import io.jenkins.plugins.deploytrain.notify.SlackPrecedence.Source;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlackPrecedenceTest {

    private static final SlackPluginSettings SLACK_PLUGIN =
            new SlackPluginSettings("#releases", "slack-bot", null, true);

    private static InEffect decide(String step, String train, String global, Optional<SlackPluginSettings> plugin) {
        return SlackPrecedence.decide(new Configured(
                step, Optional.ofNullable(train), global, null, null, null, plugin));
    }

    @Test
    void theChannelIsTheStepsThenTheTrainFilesThenOursThenTheSlackPlugins() {
        Optional<SlackPluginSettings> plugin = Optional.of(SLACK_PLUGIN);
        assertThat(decide("C0STEP00", "C0TRAIN0", "#ours", plugin).channel())
                .contains(new Chosen("C0STEP00", Source.STEP));
        assertThat(decide(null, "C0TRAIN0", "#ours", plugin).channel())
                .contains(new Chosen("C0TRAIN0", Source.TRAIN_FILE));
        assertThat(decide(null, null, "#ours", plugin).channel()).contains(new Chosen("#ours", Source.DEPLOY_TRAIN));
        assertThat(decide(null, null, null, plugin).channel()).contains(new Chosen("#releases", Source.SLACK_PLUGIN));
        assertThat(decide(" ", null, "", plugin).channel()).contains(new Chosen("#releases", Source.SLACK_PLUGIN));
        assertThat(decide(null, null, null, Optional.empty()).channel()).isEmpty();
    }

    @Test
    void theTokenIsTheStepsThenOursThenTheSlackPlugins() {
        Optional<SlackPluginSettings> plugin = Optional.of(SLACK_PLUGIN);
        assertThat(SlackPrecedence.decide(new Configured(null, Optional.empty(), null, "step-token", "our-token", null, plugin))
                        .credentialsId())
                .contains(new Chosen("step-token", Source.STEP));
        assertThat(SlackPrecedence.decide(Configured.global(null, "our-token", null, plugin)).credentialsId())
                .contains(new Chosen("our-token", Source.DEPLOY_TRAIN));
        InEffect pluginOnly = SlackPrecedence.decide(Configured.global(null, null, null, plugin));
        assertThat(pluginOnly.credentialsId()).contains(new Chosen("slack-bot", Source.SLACK_PLUGIN));
        assertThat(pluginOnly.usesSlackPlugin()).isTrue();
        assertThat(pluginOnly.describe()).startsWith("using the Slack plugin's credential 'slack-bot'")
                .contains("channel #releases from the Slack plugin's default channel")
                .contains("Slack's own Web API");
        assertThat(SlackPrecedence.decide(Configured.global("#ours", "our-token", null, plugin)).usesSlackPlugin())
                .isFalse();
        assertThat(SlackPrecedence.decide(Configured.global(null, null, null, Optional.empty())).describe())
                .startsWith("no Slack token credential; no default channel");
    }

    @Test
    void aSlackPluginWithoutABotUserHoldsAWebhookTokenWhichTheWebApiRefuses() {
        InEffect inEffect = SlackPrecedence.decide(
                Configured.global(null, null, null, Optional.of(new SlackPluginSettings("#releases", "jenkins-ci", null, false))));
        assertThat(inEffect.credentialsId()).isEmpty();
        assertThat(inEffect.ignored()).containsExactly(
                "the Slack plugin's credential 'jenkins-ci' is not a bot token (its 'Custom slack app bot user' is off)");
        assertThat(inEffect.describe()).contains("is not a bot token");
    }

    @Test
    void ourApiUrlWinsAndTheSlackPluginsBaseUrlCountsOnlyWhenItIsAWebApi() {
        SlackPluginSettings proxy = new SlackPluginSettings(null, "slack-bot", "https://slack-proxy.example.com/api/", true);
        assertThat(SlackPrecedence.decide(Configured.global(null, null, null, Optional.of(proxy))).apiUrl())
                .contains(new Chosen("https://slack-proxy.example.com/api/", Source.SLACK_PLUGIN));
        assertThat(SlackPrecedence.decide(Configured.global(null, null, "https://ours.example.com/api", Optional.of(proxy)))
                        .apiUrl())
                .contains(new Chosen("https://ours.example.com/api", Source.DEPLOY_TRAIN));
        SlackPluginSettings mattermost = new SlackPluginSettings(null, "slack-bot", "https://chat.example.com/hooks/", true);
        InEffect hook = SlackPrecedence.decide(Configured.global(null, null, null, Optional.of(mattermost)));
        assertThat(hook.apiUrl()).isEmpty();
        assertThat(hook.ignored()).containsExactly("the Slack plugin's base URL is a webhook URL, not a Slack Web API");
        assertThat(hook.describe()).doesNotContain("chat.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://slack.com/api/", "https://slack.com/api", "https://slack-proxy.corp.example/slack/api/"})
    void aWebApiBaseIsHttpsWithAPathEndingInApi(String url) {
        assertThat(SlackPrecedence.webApiBase(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://slack-proxy.example.com/api/", // the token would travel in clear text
        "https://chat.example.com/hooks/", // Mattermost's incoming webhook: the Slack plugin appends the token
        "https://acme.slack.com/services/hooks/jenkins-ci/", // the URL the Slack plugin itself corrects
        "https://user:pw@slack-proxy.example.com/api/",
        "https://slack-proxy.example.com/api/?token=abc",
        "https:///api/",
        "not a url at all",
        ""
    })
    void anythingElseIsNotAWebApiBase(String url) {
        assertThat(SlackPrecedence.webApiBase(url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "#releases|#releases",
        "releases|#releases",
        "C1H9RESGL|C1H9RESGL",
        "#releases,#ops|#releases",
        "releases; ops|#releases",
        "C1H9RESGL:1503435956.000247|C1H9RESGL",
    })
    void theSlackPluginsRoomGivesItsFirstChannel(String room, String channel) {
        assertThat(SlackPrecedence.channelOfRoom(room)).contains(channel);
    }

    @Test
    void aUserOrSomethingOddIsNoChannelAndTheReasonIsGiven() {
        assertThat(SlackPrecedence.channelOfRoom("@alice")).isEmpty();
        assertThat(SlackPrecedence.channelOfRoom("#Not A Channel!")).isEmpty();
        InEffect inEffect = SlackPrecedence.decide(
                Configured.global(null, null, null, Optional.of(new SlackPluginSettings("@alice", null, null, true))));
        assertThat(inEffect.channel()).isEmpty();
        assertThat(inEffect.ignored()).containsExactly("the Slack plugin's default channel '@alice' names no channel");
    }
}
