package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.TOKEN;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.eventually;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.posted;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.replies;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.approve;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.tasks.Mailer;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import java.io.IOException;
import jenkins.model.Jenkins;
import jenkins.plugins.slack.SlackNotifier;
import jenkins.plugins.slack.user.SlackUserProperty;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue 18: a controller whose Slack is set up in the Slack plugin ({@code slackSend}) only. Its token
 * credential and default channel carry the train's thread, approvers are found by e-mail, and a token made
 * for {@code slackSend} that lacks the scopes to read replies is named once. Slack is the local replay of its
 * recorded answers, so Deploy Train's own API URL points at it (the Slack plugin's base URL counts only when
 * it is an https Web API, which a local replay is not).
 */
@WithJenkins
class DeployTrainSlackPluginTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** The Slack plugin's bot token: another token than Deploy Train's own {@link SlackReplay#TOKEN}. */
    private static final String SLACK_PLUGIN_TOKEN = "xoxb-slack-plugin-7a6b5c";
    /** The recorded users.lookupByEmail answer's user and address. */
    private static final String SPENGLER = "W012A3CDE";

    private static final String SPENGLER_EMAIL = "spengler@ghostbusters.example.com";

    private JenkinsRule r;
    private ReplayService slack;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        slack = SlackReplay.start();
        DeployTrainGlobalConfiguration.get().setSlackApiUrl(slack.url());
        SlackReplay.addToken("slack-bot", SLACK_PLUGIN_TOKEN);
        SlackNotifier.DescriptorImpl slackPlugin = r.jenkins.getDescriptorByType(SlackNotifier.DescriptorImpl.class);
        slackPlugin.setTokenCredentialId("slack-bot");
        slackPlugin.setBotUser(true);
        slackPlugin.setRoom("deploys");
        slackPlugin.save();
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    @Test
    void withOnlyTheSlackPluginConfiguredTheThreadUsesItsCredentialAndChannel() throws Exception {
        assertThat(
                DeployTrainGlobalConfiguration.get().getSlackInEffect(),
                containsString("using the Slack plugin's credential 'slack-bot'; channel #deploys from the Slack plugin's default channel"));
        WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        eventually(() -> !slack.requests("/chat.postMessage").isEmpty());

        var root = slack.requests("/chat.postMessage").get(0);
        assertThat(root.form().get("channel"), is("#deploys"));
        assertThat(root.authorization(), is("Bearer " + SLACK_PLUGIN_TOKEN));
        approve(r, b, "skip", "staging-eu/eu-west-1b");
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogNotContains(SLACK_PLUGIN_TOKEN, b);
    }

    @Test
    void ourOwnSettingsWinOverTheSlackPlugins() throws Exception {
        SlackReplay.addToken("slack-token", TOKEN);
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        config.setSlackCredentialsId("slack-token");
        config.setSlackChannel("#releases");
        assertThat(config.getSlackInEffect(), containsString("using Deploy Train's credential 'slack-token'"));
        WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        eventually(() -> !slack.requests("/chat.postMessage").isEmpty());

        assertThat(slack.requests("/chat.postMessage").get(0).form().get("channel"), is("#releases"));
        assertThat(
                slack.requests("/chat.postMessage").stream()
                        .map(ReplayService.Request::authorization)
                        .toList(),
                everyItem(is("Bearer " + TOKEN)));
        approve(r, b, "skip", "staging-eu/eu-west-1b");
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    @Test
    void aJenkinsUserWhoseEmailSlackKnowsApprovesByReplyingWithoutAnySlackUsersEntry() throws Exception {
        slack.answer("/users.lookupByEmail", ReplayService.fixture("slack/openapi_users.lookupByEmail_ok.json"));
        User egon = egonMayBuildAndSoApprove();
        egon.addProperty(new Mailer.UserProperty(SPENGLER_EMAIL));
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        slack.answer("/conversations.replies", replies(SPENGLER, "retry staging-eu/eu-west-1b the LB flapped"));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        Approval approval = ledgerTrain(p).approvals().get(0);
        assertThat(approval.by(), is("egon"));
        assertThat(approval.action(), is(ApprovalAction.RETRY));
        var lookups = slack.requests("/users.lookupByEmail");
        // one lookup for the whole train, though the thread was read every second
        assertThat(lookups, hasSize(1));
        assertThat(lookups.get(0).form().get("email"), is(SPENGLER_EMAIL));
        assertThat(lookups.get(0).authorization(), is("Bearer " + SLACK_PLUGIN_TOKEN));
        // the Slack plugin's resolver would have written the id into the user's settings; we do not (every
        // user has the Slack plugin's settings, empty by default)
        assertThat(User.getById("egon", false).getProperty(SlackUserProperty.class).getUserId(), is((String) null));
    }

    @Test
    void aSlackUserIdInTheUsersSlackPluginSettingsNeedsNoLookup() throws Exception {
        User egon = egonMayBuildAndSoApprove();
        SlackUserProperty property = new SlackUserProperty();
        property.setUserId(SPENGLER);
        egon.addProperty(property);
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        slack.answer("/conversations.replies", replies(SPENGLER, "skip staging-eu/eu-west-1b"));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(ledgerTrain(p).approvals().get(0).by(), is("egon"));
        assertThat(slack.requests("/users.lookupByEmail"), is(empty()));
    }

    @Test
    void aTokenMadeForSlackSendIsToldOnceWhichScopesToAddAndThePageStillApproves() throws Exception {
        slack.answer("/users.lookupByEmail", missingScope("openapi_users.lookupByEmail_error.json", "users:read.email"));
        slack.answer(
                "/conversations.replies",
                missingScope("openapi_conversations.replies_error.json", "channels:history,groups:history"));
        // no security: the build page's anonymous approval below is allowed, and egon is looked up as anyone is
        User.getById("egon", true).addProperty(new Mailer.UserProperty(SPENGLER_EMAIL));
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        // several reads of the thread (one a second)
        eventually(() -> slack.requests("/conversations.replies").size() >= 4);

        approve(r, b, "skip", "staging-eu/eu-west-1b");
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(count(r, b, "the Slack token lacks the scope 'users:read.email'"), is(1L));
        assertThat(count(r, b, "the Slack token lacks the scope 'channels:history,groups:history'"), is(1L));
        r.assertLogContains("until then, approve on the build page or in the console", b);
        assertThat(slack.requests("/users.lookupByEmail"), hasSize(1));

        slack.answer("/auth.test", ReplayService.fixture("slack/openapi_auth.test_ok.json"));
        slack.answer(
                "/conversations.history",
                missingScope("openapi_conversations.replies_error.json", "channels:history,groups:history"));
        FormValidation check;
        try (ACLContext asAdministrator = ACL.as2(ACL.SYSTEM2)) {
            check = DeployTrainGlobalConfiguration.get().doTestSlackConnection("C1H9RESGL", "", slack.url());
        }
        assertThat(check.kind, is(FormValidation.Kind.WARNING));
        assertThat(check.renderHtml(), containsString("credential &#039;slack-bot&#039;"));
        assertThat(check.renderHtml(), containsString("token of grace in workspace Subarachnoid Workspace"));
        assertThat(check.renderHtml(), containsString("channels:history,groups:history"));
        assertThat(check.renderHtml(), not(containsString(SLACK_PLUGIN_TOKEN)));
        assertThat(slack.requests("/auth.test").get(0).authorization(), is("Bearer " + SLACK_PLUGIN_TOKEN));
    }

    /** The recorded error answer of a method, as Slack sends it when the token lacks a scope. */
    private static String missingScope(String recordedError, String needed) throws IOException {
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree(ReplayService.fixture("slack/" + recordedError));
        return body.put("error", "missing_scope")
                .put("needed", needed)
                .put("provided", "chat:write")
                .toString();
    }

    private User egonMayBuildAndSoApprove() {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("egon"));
        return User.getById("egon", true);
    }
}
