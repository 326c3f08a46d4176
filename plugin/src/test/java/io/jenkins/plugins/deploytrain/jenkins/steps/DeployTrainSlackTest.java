package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.THREAD;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.TOKEN;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.eventually;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.posted;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.replies;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.TRAIN_ID;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
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
 * The train's Slack thread and replies there as approvals, against a local replay of Slack's recorded
 * Web API answers (Slack itself is not reachable from test machines).
 */
@WithJenkins
class DeployTrainSlackTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private ReplayService slack;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        slack = SlackReplay.start();
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    @Test
    void aRetryRepliedInTheThreadByAnApproverContinuesTheTrain() throws Exception {
        SlackReplay.configure(slack, "U061F7AUR=alice");
        aliceMayBuildAndSoApprove();
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        slack.answer("/conversations.replies", replies("U061F7AUR", "retry staging-eu/eu-west-1b the LB flapped"));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 2"), is(1L));
        Approval approval = ledgerTrain(p).approvals().get(0);
        assertThat(approval.by(), is("alice"));
        assertThat(approval.action(), is(ApprovalAction.RETRY));
        assertThat(approval.target(), is("staging-eu/eu-west-1b"));
        assertThat(approval.reason(), is("the LB flapped"));
        r.assertLogContains("alice: retry staging-eu/eu-west-1b", b);
        r.assertLogNotContains(TOKEN, b);

        eventually(() -> posted(slack).stream().anyMatch(t -> t.contains("completed")));
        var posts = slack.requests("/chat.postMessage");
        assertThat(posts.get(0).form().get("channel"), is("C1H9RESGL"));
        assertThat(posts.get(0).form().get("thread_ts"), nullValue());
        assertThat(posts.get(0).form().get("text"), containsString(r.getURL() + b.getUrl()));
        assertThat(
                posts.subList(1, posts.size()).stream()
                        .map(q -> q.form().get("thread_ts"))
                        .toList(),
                everyItem(is(THREAD)));
        assertThat(posted(slack), hasItem(containsString("alice: retry staging-eu/eu-west-1b")));
        assertThat(slack.requests("/conversations.replies").get(0).form().get("ts"), is(THREAD));
        assertThat(
                slack.requests("/chat.postMessage").stream()
                        .map(ReplayService.Request::authorization)
                        .toList(),
                everyItem(is("Bearer " + TOKEN)));
        String threads = Files.readString(JobLedgerStore.folderOf(p).resolve("slack-threads.properties"));
        assertThat(threads, containsString("thread." + TRAIN_ID + "=" + THREAD));

        // the token reached Slack in its header only: not in a message, the build page's JSON, or any file
        // Jenkins keeps for the job (build.xml, the program, the ledger, the thread file, the log)
        assertThat(posted(slack), everyItem(not(containsString(TOKEN))));
        String view = r.createWebClient()
                .login("alice")
                .goTo(b.getUrl() + "deploy-train/view", "application/json")
                .getWebResponse()
                .getContentAsString();
        assertThat(view, not(containsString(TOKEN)));
        assertThat(filesContaining(p.getRootDir().toPath(), TOKEN), empty());
    }

    /** The files below {@code dir} whose bytes hold {@code secret} (as UTF-8), binary ones included. */
    private static List<Path> filesContaining(Path dir, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (int i = 0; i + needle.length <= bytes.length; i++) {
                    if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                        found.add(f);
                        break;
                    }
                }
            }
        }
        return found;
    }

    @Test
    void aReplyFromSomeoneWhoMayNotApproveIsIgnoredWithANoteAndTheTrainWaits() throws Exception {
        SlackReplay.configure(slack, "U061F7AUR=alice");
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);

        slack.answer("/conversations.replies", replies("U0G9QF9C6", "skip staging-eu/eu-west-1b"));
        eventually(() -> posted(slack).stream().anyMatch(t -> t.contains("may not approve this train")));

        assertThat(ledgerTrain(p).approvals(), is(empty()));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.AWAITING_APPROVAL));
        approve(r, b, "skip", "staging-eu/eu-west-1b");
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    @Test
    void aMappedUserWhoMayOnlyReadTheJobIsIgnoredAndAnApproversReplyCounts() throws Exception {
        SlackReplay.configure(slack, "U061F7AUR=alice, U0G9QF9C6=bob");
        aliceMayBuildAndSoApprove();
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("alice")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("bob"));
        User.getById("bob", true);
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);

        slack.answer(
                "/conversations.replies", replies("U0G9QF9C6", "abort", "U061F7AUR", "skip staging-eu/eu-west-1b"));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(ledgerTrain(p).approvals().size(), is(1));
        assertThat(ledgerTrain(p).approvals().get(0).by(), is("alice"));
        eventually(() -> posted(slack).stream().anyMatch(t -> t.contains("bob may not approve this train")));
    }

    @Test
    void aReplyThatDoesNotFitTheTrainsStateIsRefusedAndTheTrainWaits() throws Exception {
        SlackReplay.configure(slack, "U061F7AUR=alice");
        aliceMayBuildAndSoApprove();
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);

        slack.answer("/conversations.replies", replies("U061F7AUR", "retry prod-eu/eu-west-1a"));
        r.waitForMessage("the Slack reply of alice (retry prod-eu/eu-west-1a) was not applied", b);

        assertThat(ledgerTrain(p).status(), is(TrainStatus.AWAITING_APPROVAL));
        eventually(() -> posted(slack).stream().anyMatch(t -> t.contains("was not applied")));
        // the refused reply is not read again: only the newer one counts
        slack.answer(
                "/conversations.replies",
                replies("U061F7AUR", "retry prod-eu/eu-west-1a", "U061F7AUR", "skip staging-eu/eu-west-1b"));
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(count(r, b, "was not applied"), is(1L));
        assertThat(ledgerTrain(p).approvals().size(), is(1));
    }

    @Test
    void theStepsChannelAndCredentialOverrideTheTrainFileAndTheGlobalOnes() throws Exception {
        SlackReplay.configure(slack, null);
        SlackReplay.addToken("team-token", "xoxb-team-8a7b6c");
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, """
            node {
              deployTrain(train: 'train.yaml', slackChannel: '#deploys-eu', slackCredentialsId: 'team-token') {
                echo "deploying ${env.TRAIN_ENVIRONMENT}/${env.TRAIN_ZONE}"
              }
            }
            """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        eventually(() -> posted(slack).stream().anyMatch(t -> t.contains("completed")));
        assertThat(
                slack.requests("/chat.postMessage").stream()
                        .map(q -> q.form().get("channel"))
                        .toList(),
                everyItem(is("#deploys-eu")));
        assertThat(
                slack.requests("/chat.postMessage").stream()
                        .map(ReplayService.Request::authorization)
                        .toList(),
                everyItem(is("Bearer xoxb-team-8a7b6c")));
        r.assertLogNotContains("xoxb-team-8a7b6c", b);
    }

    @Test
    void aChannelWithoutABotTokenFailsTheStepBeforeAnyDeploy() throws Exception {
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script(null));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains(
                "deployTrain: the train posts to Slack channel C1H9RESGL but no Slack bot token is configured", b);
        r.assertLogNotContains("deploying", b);
        assertThat(JobLedgerStore.of(p).load().isPresent(), is(false));
        assertThat(slack.requests("/chat.postMessage"), is(empty()));
    }

    @Test
    void aCredentialTheBuildCannotUseIsNamedWithoutItsValue() throws Exception {
        DeployTrainGlobalConfiguration.get().setSlackCredentialsId("no-such-token");
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script(null));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains(
                "deployTrain: the Slack bot token credential 'no-such-token' is not a Secret text credential", b);
    }

    /** A security realm where alice may build the job, which implies Deploy Train/Approve. */
    @Test
    void aBuildKilledWhileWaitingForAnApprovalLeavesNoSlackReadsNorSenderThreads() throws Exception {
        SlackReplay.configure(slack, "U061F7AUR=alice");
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        eventually(() -> !slack.requests("/conversations.replies").isEmpty());
        eventually(() -> !slackSenders().isEmpty());

        b.doKill();
        r.waitForCompletion(b);

        eventually(() -> TrainBuildEnd.live() == 0);
        eventually(() -> slackSenders().isEmpty());
        int reads = slack.requests("/conversations.replies").size();
        Thread.sleep(2_000); // longer than the replay's poll interval (SECTION's pollReplies)
        assertThat(slack.requests("/conversations.replies").size(), is(reads));
    }

    /** The threads that send a train's Slack messages (the engine's SlackNotifier names them). */
    private static List<Thread> slackSenders() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("deploy-train-slack-"))
                .toList();
    }

    private void aliceMayBuildAndSoApprove() {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("alice"));
        User.getById("alice", true);
    }
}
