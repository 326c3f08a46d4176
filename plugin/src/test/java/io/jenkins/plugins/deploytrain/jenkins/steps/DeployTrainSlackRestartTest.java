package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.THREAD;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.eventually;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.posted;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.replies;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart while the train waits for an approval from its Slack thread. */
class DeployTrainSlackRestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private ReplayService slack;

    @BeforeEach
    void startSlack() throws Exception {
        slack = SlackReplay.start();
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void theResumedBuildKeepsItsThreadAndReadsTheRepliesThere() throws Throwable {
        sessions.then(r -> {
            SlackReplay.configure(slack, "U061F7AUR=alice");
            WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
            // the thread is recorded next to the job's ledger once Slack answered the root message
            eventually(() -> threadRecorded(p));
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("payments", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            slack.answer("/conversations.replies", replies("U061F7AUR", "retry staging-eu/eu-west-1b"));

            r.assertBuildStatusSuccess(r.waitForCompletion(b));

            assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 2"), is(1L));
            assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
            eventually(() -> posted(slack).stream().anyMatch(t -> t.contains("completed")));
            // one root message for the whole train, before and after the restart
            assertThat(
                    slack.requests("/chat.postMessage").stream()
                            .filter(q -> q.form().get("thread_ts") == null)
                            .count(),
                    is(1L));
            assertThat(
                    slack.requests("/conversations.replies").stream()
                            .map(q -> q.form().get("ts"))
                            .toList(),
                    everyItem(is(THREAD)));
        });
    }

    private static boolean threadRecorded(WorkflowJob p) {
        Path file = JobLedgerStore.folderOf(p).resolve("slack-threads.properties");
        try {
            return Files.exists(file) && Files.readString(file).contains("=" + THREAD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
