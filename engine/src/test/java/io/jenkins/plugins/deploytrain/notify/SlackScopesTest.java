package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token made for {@code slackSend} (chat:write only) against Slack's recorded answers: reading the thread
 * and finding approvers answer {@code missing_scope}, which is named with the scope to add.
 */
class SlackScopesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Secret TOKEN = new Secret("xoxb-0000-scopes-token");
    private static final String CHANNEL = "C1H9RESGL";

    private ReplayServer slack;
    private SlackClient client;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        slack = new ReplayServer();
        client = new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        slack.close();
        assertThat(log).noneMatch(line -> line.contains(TOKEN.reveal()));
    }

    private static String fixture(String name) throws Exception {
        return ReplayServer.fixture("slack/" + name);
    }

    /** The recorded error answer of the method, as Slack sends it for a missing scope. */
    private static String missingScope(String recordedError, String needed) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(fixture(recordedError));
        assertThat(JSON.readTree(fixture("openapi_error_codes_by_method.json")).path("conversations.replies").toString())
                .contains("missing_scope");
        return body.put("error", "missing_scope").put("needed", needed).put("provided", "chat:write").toString();
    }

    @Test
    void slacksAnswerKeepsTheScopeItNames() throws Exception {
        slack.on("POST", "/conversations.replies",
                Reply.ok(missingScope("openapi_conversations.replies_error.json", "channels:history")));

        SlackResult result = client.replies(CHANNEL, "1503435956.000247", null, null);

        assertThat(result).isInstanceOf(SlackResult.Failed.class);
        SlackResult.Failed failed = (SlackResult.Failed) result;
        assertThat(failed.error()).isEqualTo("missing_scope");
        assertThat(failed.fatal()).isTrue();
        assertThat(failed.missingScope()).contains(new MissingScope("channels:history", "chat:write"));
        // the java SDK's recorded samples carry "needed" and "provided" empty on other errors: no scope to name
        assertThat(MissingScope.of(JSON.readTree(fixture("javasdk_sample_chat.delete.json")))).isEmpty();
    }

    @Test
    void readingTheThreadWithoutTheHistoryScopeSaysWhichScopeToAdd() throws Exception {
        slack.on("POST", "/conversations.replies",
                Reply.ok(missingScope("openapi_conversations.replies_error.json", "channels:history")));
        ApproverPolicy policy = new ApproverPolicy(Set.of("alice"), Set.of(), Map.of("U061F7AUR", "alice"), Map.of());
        try (SlackNotifier notes = new SlackNotifier(client, CHANNEL, "1503435956.000247", SlackNotifier.Settings.DEFAULT,
                ts -> {}, log::add)) {
            SlackApprovals.Poll poll = new SlackApprovals(client, notes, policy, Duration.ofSeconds(30))
                    .poll(CHANNEL, "1503435956.000247", null);

            assertThat(poll.approvals()).isEmpty();
            assertThat(poll.problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .startsWith("conversations.replies failed: the Slack token lacks the scope 'channels:history'")
                    .contains("it has chat:write")
                    .endsWith("until then, approve on the build page or in the console"));
        }
    }

    @Test
    void theConnectionCheckNamesEveryMissingScope() throws Exception {
        slack.on("POST", "/auth.test", Reply.ok(fixture("openapi_auth.test_ok.json")));
        slack.on("POST", "/conversations.history",
                Reply.ok(missingScope("openapi_conversations.replies_error.json", "channels:history,groups:history")));
        ObjectNode lookup = (ObjectNode) JSON.readTree(fixture("openapi_users.lookupByEmail_error.json"));
        slack.on("POST", "/users.lookupByEmail", Reply.ok(
                lookup.put("error", "missing_scope").put("needed", "users:read.email").put("provided", "chat:write").toString()));

        SlackConnectionCheck.Report report =
                SlackConnectionCheck.run(client, Optional.of(CHANNEL), Optional.of("admin@example.com"));

        assertThat(report.ok()).isFalse();
        assertThat(report.lines()).hasSize(3);
        assertThat(report.lines().get(0)).isEqualTo("token of grace in workspace Subarachnoid Workspace");
        assertThat(report.lines().get(1)).contains("'channels:history,groups:history'").contains("conversations.history");
        assertThat(report.lines().get(2)).contains("'users:read.email'").contains("users.lookupByEmail");
        assertThat(ReplayServer.form(slack.requests("POST", "/conversations.history").get(0)))
                .containsEntry("channel", CHANNEL).containsEntry("limit", "1");
    }

    @Test
    void aTokenWithEveryScopePassesTheCheck() throws Exception {
        slack.on("POST", "/auth.test", Reply.ok(fixture("openapi_auth.test_ok.json")));
        slack.on("POST", "/conversations.history", Reply.ok(fixture("openapi_conversations.history_ok.json")));
        // no Slack user with the administrator's address: the lookup itself works
        slack.on("POST", "/users.lookupByEmail", Reply.ok(fixture("openapi_users.lookupByEmail_error.json")));

        SlackConnectionCheck.Report report =
                SlackConnectionCheck.run(client, Optional.of(CHANNEL), Optional.of("admin@example.com"));

        assertThat(report.ok()).isTrue();
        assertThat(report.text()).isEqualTo("""
                token of grace in workspace Subarachnoid Workspace
                can read replies in C1H9RESGL
                can find approvers by e-mail""");
    }

    @Test
    void aBadTokenStopsTheCheckAtAuthTest() throws Exception {
        slack.on("POST", "/auth.test", Reply.ok("{\"ok\":false,\"error\":\"invalid_auth\"}"));

        SlackConnectionCheck.Report report = SlackConnectionCheck.run(client, Optional.of(CHANNEL), Optional.empty());

        assertThat(report.ok()).isFalse();
        assertThat(report.lines()).containsExactly("auth.test failed: invalid_auth");
        assertThat(slack.requests("POST", "/conversations.history")).isEmpty();
    }
}
