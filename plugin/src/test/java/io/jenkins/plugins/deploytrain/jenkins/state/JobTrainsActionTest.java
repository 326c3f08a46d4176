package io.jenkins.plugins.deploytrain.jenkins.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The job page's version matrix and train history, for readers only. */
@WithJenkins
class JobTrainsActionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private JenkinsRule r;
    private FreeStyleProject job;
    private FreeStyleBuild build;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        job = r.createFreeStyleProject("checkout-train");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ)
                .everywhere()
                .to("stranger"));
        build = r.buildAndAssertSuccess(job);
        Train released = train("checkout-2.4.1", "2.4.1", TrainStatus.SUCCEEDED, T0, build.getExternalizableId(),
                List.of(TargetStatus.SUCCEEDED, TargetStatus.SUCCEEDED));
        Train rolling = train("checkout-2.4.2", "2.4.2", TrainStatus.RUNNING, T0.plus(Duration.ofDays(1)), "laptop-cli",
                List.of(TargetStatus.SUCCEEDED, TargetStatus.DEPLOYING));
        JobLedgerStore.of(job).update(job.getFullName(), l -> l.withTrain(released).withTrain(rolling));
    }

    @Test
    void jsonHasTheMatrixAndTheTrainsNewestFirst() throws Exception {
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");

        JsonNode document = JSON.readTree(reader.goTo(job.getUrl() + "deploy-trains/json", "application/json")
                .getWebResponse()
                .getContentAsString());

        JsonNode cells = document.path("matrix").path("rows").path(0).path("cells");
        assertThat(document.path("matrix").path("environments").path(0).asText(), is("eu-west-1"));
        assertThat(cells.path(0).path("zone").asText(), is("a"));
        assertThat(cells.path(0).path("deployed").path("version").asText(), is("2.4.2"));
        assertThat(cells.path(1).path("deployed").path("version").asText(), is("2.4.1"));
        assertThat(cells.path(1).path("rolling").path("version").asText(), is("2.4.2"));
        assertThat(cells.path(1).path("rolling").path("status").asText(), is("deploying"));
        assertThat(document.path("trains").path(0).path("id").asText(), is("checkout-2.4.2"));
        assertThat(document.path("trains").path(1).path("id").asText(), is("checkout-2.4.1"));
    }

    @Test
    void withoutItemReadTheJobAndItsTrainsAreNotThere() throws Exception {
        JenkinsRule.WebClient stranger = r.createWebClient().login("stranger");

        stranger.assertFails(job.getUrl() + "deploy-trains/json", 404);
        stranger.assertFails(job.getUrl() + "deploy-trains/", 404);
    }

    @Test
    void thePageShowsTheMatrixAndLinksTheBuildThatStartedATrain() throws Exception {
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.getOptions().setJavaScriptEnabled(false);

        String page = reader.goTo(job.getUrl() + "deploy-trains/").getWebResponse().getContentAsString();

        assertThat(page, containsString("rolling 2.4.2 (deploying)"));
        assertThat(page, containsString("href=\"/jenkins/" + build.getUrl() + "\""));
        assertThat("a train the CLI started names its host", page, containsString("laptop-cli"));
    }

    /** One environment, two zones, the targets in the given statuses, each succeeded one deployed an hour apart. */
    private static Train train(String id, String version, TrainStatus status, Instant created, String by,
            List<TargetStatus> statuses) {
        List<TargetRecord> targets = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            String zone = i == 0 ? "a" : "b";
            TargetStatus s = statuses.get(i);
            Instant started = created.plus(Duration.ofHours(i));
            Attempt attempt = s == TargetStatus.SUCCEEDED
                    ? Attempt.intent(1, started, by).ended(started.plusSeconds(60), AttemptOutcome.SUCCEEDED, null)
                    : Attempt.intent(1, started, by);
            targets.add(new TargetRecord(TargetRecord.idOf("eu-west-1", zone), i, "eu-west-1", zone, "production",
                    "aws", "eu-west-1", Duration.ZERO, Duration.ZERO, i == statuses.size() - 1, false, List.of(), s,
                    null, List.of(attempt), List.of()));
        }
        return new Train(id, "checkout", version, status, created, by, targets, List.of(), List.of(),
                status.finished() ? created.plus(Duration.ofHours(2)) : null, null);
    }
}
