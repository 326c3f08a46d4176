package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.replies;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code proceed 2h} replied in the train's thread after an alerts gate failed: the build's gate runner puts
 * an Alertmanager silence on exactly what fired and expires it once the train has moved past the environment.
 * Alertmanager and Slack are local replays of their recorded answers.
 */
@WithJenkins
class DeployTrainSlackSilenceTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String SILENCE_ID = "572b2673-cb6d-43b6-a4a4-d8b2923a402c";

    private static final String NO_PAGES_GATE = """
        gates:
          staging:
            - name: no-pages
              alerts:
                matchers: ['severity="page"']
        """;

    private JenkinsRule r;
    private ReplayService slack;
    private ReplayService alertmanager;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        slack = SlackReplay.start();
        alertmanager = ReplayService.start();
    }

    @AfterEach
    void tearDown() {
        slack.close();
        alertmanager.close();
    }

    @Test
    void aProceedWithASilenceSilencesWhatFiredAndTheTrainExpiresItWhenItMovesOn() throws Exception {
        String firing = ReplayService.fixture("prometheus/alertmanager_api_v2_alerts_active.json");
        // the recorded alert fires until Alertmanager has been asked for a silence; then it is silenced
        alertmanager.answer("GET", "/api/v2/alerts", () -> silenced() ? "[]" : firing);
        String silences = ReplayService.fixture("prometheus/alertmanager_api_v2_silences_list.json");
        alertmanager.answer("GET", "/api/v2/silences", () -> silences);
        String created = ReplayService.fixture("prometheus/alertmanager_api_v2_silences_POST_response.json");
        alertmanager.answer("POST", "/api/v2/silences", () -> created);
        alertmanager.answer("DELETE", "/api/v2/silence/" + SILENCE_ID, () -> "");
        DeployTrainGlobalConfiguration.get().setAlertmanagerUrl(alertmanager.url());
        SlackReplay.configure(slack, "U061F7AUR=alice");
        WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION + NO_PAGES_GATE, script(null));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("gate no-pages failed on staging-eu/eu-west-1a", b);
        slack.answer("/conversations.replies", replies("U061F7AUR", "proceed 2h staging-eu/eu-west-1a known flake"));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        List<ReplayService.Request> posts = alertmanager.requests("/api/v2/silences").stream()
                .filter(q -> q.method().equals("POST"))
                .toList();
        assertThat(posts.size(), is(1));
        assertThat(posts.get(0).body(), containsString("HighErrorRate"));
        assertThat(posts.get(0).body(), containsString("approved by alice"));
        assertThat(
                alertmanager.requests("/api/v2/silence/" + SILENCE_ID).stream()
                        .filter(q -> q.method().equals("DELETE"))
                        .count(),
                is(1L));
        r.assertLogContains("silenced on staging-eu/eu-west-1a until", b);
        r.assertLogContains("expired the silence on staging-eu/eu-west-1a", b);
        assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
    }

    private boolean silenced() {
        return alertmanager.requests("/api/v2/silences").stream()
                .anyMatch(q -> q.method().equals("POST"));
    }
}
