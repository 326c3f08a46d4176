package io.jenkins.plugins.deploytrain.jenkins.steps;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.util.Secret;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * The Slack Web API as a train sees it, replayed from Slack's recorded answers: chat.postMessage opens the
 * thread {@link #THREAD}, chat.update succeeds, and conversations.replies answers with the thread's replies
 * a test chooses (in the recorded page's shape).
 */
final class SlackReplay {
    private SlackReplay() {}

    /** The ts of the recorded chat.postMessage answer: every train's root message. */
    static final String THREAD = "1503435956.000247";

    static final String TOKEN = "xoxb-test-5f1e2d3c";

    /** The train file's slack section: the recorded answers' channel, read back every second. */
    static final String SECTION = """
        slack:
          channel: C1H9RESGL
          pollReplies: 1s
        """;

    static ReplayService start() throws IOException {
        ReplayService slack = ReplayService.start();
        slack.answer("/chat.postMessage", ReplayService.fixture("slack/openapi_chat.postMessage_ok.json"));
        slack.answer("/chat.update", ReplayService.fixture("slack/openapi_chat.update_ok.json"));
        slack.answer("/conversations.replies", replies());
        return slack;
    }

    /** The bot token as a global Secret text credential, and Slack pointed at the replay. */
    static void configure(ReplayService slack, String slackUsers) throws IOException {
        addToken("slack-token", TOKEN);
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        config.setSlackApiUrl(slack.url());
        config.setSlackCredentialsId("slack-token");
        config.setSlackUsers(slackUsers);
    }

    static void addToken(String id, String token) throws IOException {
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, id, "Slack bot token", Secret.fromString(token)));
        credentials.save();
    }

    /**
     * The recorded conversations.replies page, rooted at {@link #THREAD}, with these replies (Slack user id,
     * text, in pairs) after the root, and no further page.
     */
    static String replies(String... userAndText) throws IOException {
        ObjectNode page = (ObjectNode)
                new ObjectMapper().readTree(ReplayService.fixture("slack/openapi_conversations.replies_ok.json"));
        ArrayNode messages = (ArrayNode) page.path("messages");
        ObjectNode root = ((ObjectNode) messages.get(0)).put("ts", THREAD).put("thread_ts", THREAD);
        ObjectNode recordedReply = (ObjectNode) messages.get(1);
        messages.removeAll();
        messages.add(root);
        for (int i = 0; i + 1 < userAndText.length; i += 2) {
            messages.add(recordedReply
                    .deepCopy()
                    .put("user", userAndText[i])
                    .put("text", userAndText[i + 1])
                    .put("thread_ts", THREAD)
                    .put("ts", "15034361" + (10 + i) + ".000100"));
        }
        page.put("has_more", false);
        ((ObjectNode) page.path("response_metadata")).put("next_cursor", "");
        return page.toString();
    }

    /** The texts posted to the channel, in order. */
    static List<String> posted(ReplayService slack) {
        return slack.requests("/chat.postMessage").stream()
                .map(r -> r.form().get("text"))
                .toList();
    }

    /** Slack is told asynchronously (it never slows a train): wait up to 30 s for what the test expects. */
    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Slack did not receive the expected messages within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
