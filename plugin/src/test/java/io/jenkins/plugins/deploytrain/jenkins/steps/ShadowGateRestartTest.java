package io.jenkins.plugins.deploytrain.jenkins.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import hudson.FilePath;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart while the gate watches its window, and while it waits for a decision. */
class ShadowGateRestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private static WorkflowJob job(JenkinsRule r, String gate) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "shadow");
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        workspace
                .child("shadow-rules.yaml")
                .write(Files.readString(ShadowGateStepTest.EXAMPLES.resolve("shadow-rules.yaml")), "UTF-8");
        workspace.child("no-rules.yaml").write("rules: []\n", "UTF-8");
        p.setDefinition(new CpsFlowDefinition("node { " + gate + "; echo 'after the gate' }", true));
        return p;
    }

    @Test
    void theWindowKeepsItsEndAcrossARestart() throws Throwable {
        sessions.then(r -> {
            WorkflowJob p = job(r, "shadowGate(pairs: 'late.jsonl', rules: 'shadow-rules.yaml', duration: '20s')");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("late.jsonl does not exist in the workspace yet; watching until", b);
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("shadow", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            r.jenkins.getWorkspaceFor(p).child("late.jsonl").write(ShadowGateStepTest.examplePairs(), "UTF-8");

            r.assertBuildStatusSuccess(r.waitForCompletion(b));

            r.assertLogContains("shadow-diff PASSED", b);
            r.assertLogContains("after the gate", b);
            assertThat(
                    "one window, not a new one after the restart",
                    TrainFiles.count(r, b, "shadowGate: watching late.jsonl until"),
                    is(1L));
            assertThat(b.getDuration(), greaterThanOrEqualTo(20_000L));
        });
    }

    @Test
    void aPrometheusGateOutsideNodeKeepsItsWindowAndAsksWithANewClientAfterARestart() throws Throwable {
        try (PrometheusReplay prometheus = PrometheusReplay.answering(
                PrometheusReplay.COMPARED, "prometheus_api_v1_query_vector.json",
                PrometheusReplay.DIFFERING, "prometheus_api_v1_query_by_region.json")) {
            sessions.then(r -> {
                DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
                WorkflowJob p = r.createProject(WorkflowJob.class, "shadow");
                p.setDefinition(new CpsFlowDefinition(
                        prometheus.gate("duration: '20s', maxUnexpected: 1") + "\necho 'after the gate'", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage("; watching until", b);
            });
            int beforeTheRestart = prometheus.requests().size();
            sessions.then(r -> {
                WorkflowRun b = r.jenkins
                        .getItemByFullName("shadow", WorkflowJob.class)
                        .getBuildByNumber(1);

                r.assertBuildStatusSuccess(r.waitForCompletion(b));

                r.assertLogContains("after the gate", b);
                assertThat(
                        "looked again after the restart, with the client made anew",
                        prometheus.requests().size(),
                        greaterThan(beforeTheRestart));
                assertThat(
                        "one window, not a new one after the restart",
                        TrainFiles.count(r, b, "shadowGate: watching Prometheus: "),
                        is(1L));
                assertThat(b.getDuration(), greaterThanOrEqualTo(20_000L));
            });
        }
    }

    @Test
    void aPausedGateCanStillBeDecidedAfterARestart() throws Throwable {
        sessions.then(r -> {
            WorkflowJob p =
                    job(r, "shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml', onFailure: 'pause')");
            r.jenkins.getWorkspaceFor(p).child("shadow-pairs.jsonl").write(ShadowGateStepTest.examplePairs(), "UTF-8");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("shadowGate: waiting for a person to proceed or abort on", b);
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("shadow", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            ShadowGateAction action = b.getAction(ShadowGateAction.class);
            assertThat(b.isBuilding(), is(true));
            assertThat(action.getGates().get(0).isDecided(), is(false));

            JenkinsRule.WebClient wc = r.createWebClient();
            WebRequest request = new WebRequest(
                    URI.create(wc.getContextPath() + b.getUrl() + "shadow-gate/decide")
                            .toURL(),
                    HttpMethod.POST);
            request.setRequestParameters(List.of(
                    new NameValuePair("id", action.getGates().get(0).getId()),
                    new NameValuePair("decision", "proceed"),
                    new NameValuePair("reason", "checked after the restart")));
            wc.addCrumb(request);
            assertThat(wc.getPage(request).getWebResponse().getStatusCode(), is(200));

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("shadowGate: proceed by anonymous: checked after the restart", b);
            r.assertLogContains("after the gate", b);
        });
    }
}
