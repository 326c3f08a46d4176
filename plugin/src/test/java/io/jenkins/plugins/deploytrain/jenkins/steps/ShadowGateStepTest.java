package io.jenkins.plugins.deploytrain.jenkins.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.security.DeployTrainPermissions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The gate over the repository's recorded example (real GitHub API answers from the primary and a
 * shadow), written into the workspace before or during the observation window, and a pause settled on
 * the build page.
 */
@WithJenkins
class ShadowGateStepTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** The plugin module's tests run from {@code plugin/}; the examples are the repository's. */
    static final Path EXAMPLES = Path.of("..", "examples");

    private JenkinsRule r;
    private WorkflowJob p;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        p = r.createProject(WorkflowJob.class, "shadow");
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        workspace.child("shadow-pairs.jsonl").write(examplePairs(), "UTF-8");
        workspace.child("shadow-rules.yaml").write(Files.readString(EXAMPLES.resolve("shadow-rules.yaml")), "UTF-8");
        workspace.child("no-rules.yaml").write("rules: []\n", "UTF-8");
    }

    static String examplePairs() throws Exception {
        return Files.readString(EXAMPLES.resolve("shadow-pairs.jsonl"));
    }

    private WorkflowRun run(String gate) throws Exception {
        p.setDefinition(new CpsFlowDefinition("node { " + gate + "; echo 'after the gate' }", true));
        return p.scheduleBuild2(0).waitForStart();
    }

    @Test
    void passesWhenEveryDifferenceIsAKnownOne() throws Exception {
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'shadow-rules.yaml')");

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("shadow-diff PASSED", b);
        r.assertLogContains("8 compared: 1 equal, 7 equal after rules, 0 unexpected", b);
        r.assertLogContains("after the gate", b);
    }

    @Test
    void failsWithTheTopUnexpectedDifferences() throws Exception {
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml')");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains(
                "shadowGate: shadow-pairs.jsonl failed the gate: 7 unexpected pairs, more than the 0 allowed", b);
        r.assertLogContains("top unexpected paths (pairs):", b);
        r.assertLogContains("/headers/access-control-expose-headers", b);
        r.assertLogNotContains("after the gate", b);
        assertThat("fail is not a pause", b.getAction(ShadowGateAction.class), is(nullValue()));
    }

    @Test
    void aToleranceOfUnexpectedPairsLetsThemPass() throws Exception {
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml', maxUnexpected: 7)");

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    @Test
    void aMissingRulesFileIsNamed() throws Exception {
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'rules/missing.yaml', duration: '1h')");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("shadowGate: rules/missing.yaml does not exist in the workspace", b);
    }

    @Test
    void everyParameterProblemIsReportedAtOnce() throws Exception {
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', prometheus: 'sum(x)', onFailure: 'retry',"
                + " duration: 'soon', maxUnexpectedRate: 2.0)");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("shadowGate takes one source: pairs: or prometheus:, not both", b);
        r.assertLogContains("shadowGate: pairs: needs rules:", b);
        r.assertLogContains("shadowGate: prometheus: needs comparedQuery:", b);
        r.assertLogContains("shadowGate: onFailure: must be 'fail' or 'pause', found 'retry'", b);
        r.assertLogContains("shadowGate: duration: 'soon' is not a duration", b);
        r.assertLogContains("max unexpected rate must be between 0 and 1, found 2.0", b);
    }

    @Test
    void watchesPairsRecordedDuringTheWindowAndPassesWhenItEndsClean() throws Exception {
        WorkflowRun b = run("shadowGate(pairs: 'late.jsonl', rules: 'shadow-rules.yaml', duration: '12s')");
        r.waitForMessage("shadowGate: watching late.jsonl until", b);
        r.waitForMessage("late.jsonl does not exist in the workspace yet; watching until", b);

        r.jenkins.getWorkspaceFor(p).child("late.jsonl").write(examplePairs(), "UTF-8");

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("8 pairs compared: 1 equal, 7 equal after rules, 0 unexpected; watching until", b);
        r.assertLogContains("shadow-diff PASSED", b);
        assertThat("passes only once the window is over", b.getDuration(), greaterThanOrEqualTo(12_000L));
    }

    @Test
    void anUnexpectedDifferenceFailsWithoutWaitingForTheEndOfTheWindow() throws Exception {
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml', duration: '2h')");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("7 unexpected pairs, more than the 0 allowed", b);
        r.assertLogContains("/headers/access-control-expose-headers", b);
    }

    @Test
    void nothingRecordedByTheEndOfTheWindowFails() throws Exception {
        WorkflowRun b = run("shadowGate(pairs: 'never.jsonl', rules: 'shadow-rules.yaml', duration: '5s')");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains(
                "shadowGate: never.jsonl failed the gate: nothing to judge at the end of the observation"
                        + " window: never.jsonl does not exist in the workspace yet",
                b);
    }

    @Test
    void pausesThenProceedsAfterAnApprovalPostedBySomeoneAllowedToApprove() throws Exception {
        secure();
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml', onFailure: 'pause')");
        r.waitForMessage("shadowGate: waiting for a person to proceed or abort on", b);
        ShadowGateAction.Gate gate =
                b.getAction(ShadowGateAction.class).getGates().get(0);
        assertThat(gate.isDecided(), is(false));
        r.assertLogContains("/headers/access-control-expose-headers", b);

        assertThat(decide(b, "reader", gate.getId(), "proceed", true).getStatusCode(), is(403));
        assertThat(decide(b, "builder", gate.getId(), "proceed", false).getStatusCode(), is(403));
        assertThat(decide(b, "builder", gate.getId(), "ship-it", true).getStatusCode(), is(400));
        assertThat(gate.isDecided(), is(false));
        assertThat(b.isBuilding(), is(true));

        WebResponse approved = decide(b, "builder", gate.getId(), "proceed", true);

        assertThat(approved.getStatusCode(), is(200));
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("shadowGate: proceed by builder: a known header change", b);
        r.assertLogContains("after the gate", b);
        ShadowGateAction.Gate decided =
                b.getAction(ShadowGateAction.class).getGates().get(0);
        assertThat(decided.getBy(), is("builder"));
        assertThat(decided.getDecision(), is("proceed"));
        assertThat(decide(b, "builder", gate.getId(), "abort", true).getStatusCode(), is(409));
    }

    @Test
    void anAbortAfterAPauseAbortsTheBuildAndNamesWhoAborted() throws Exception {
        secure();
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml', onFailure: 'pause')");
        r.waitForMessage("shadowGate: waiting for a person to proceed or abort on", b);
        String id = b.getAction(ShadowGateAction.class).getGates().get(0).getId();

        assertThat(decide(b, "approver", id, "abort", true).getStatusCode(), is(200));

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        r.assertLogContains("shadowGate: abort by approver: a known header change", b);
        r.assertLogNotContains("after the gate", b);
    }

    @Test
    void theGlobalApproverListKeepsOutUnlistedBuilders() throws Exception {
        secure();
        DeployTrainGlobalConfiguration.get().setApprovers("release-managers");
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml', onFailure: 'pause')");
        r.waitForMessage("shadowGate: waiting for a person to proceed or abort on", b);
        String id = b.getAction(ShadowGateAction.class).getGates().get(0).getId();

        assertThat(decide(b, "builder", id, "proceed", true).getStatusCode(), is(403));
        assertThat(decide(b, "carol", id, "proceed", true).getStatusCode(), is(200));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("shadowGate: proceed by carol", b);
    }

    @Test
    void thePageShowsWhyAndTheFormToApproversOnlyAndAnAbortedBuildWithdrawsIt() throws Exception {
        secure();
        WorkflowRun b = run("shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml', onFailure: 'pause')");
        r.waitForMessage("shadowGate: waiting for a person to proceed or abort on", b);

        String asReader = page(b, "reader");
        String asBuilder = page(b, "builder");

        assertThat(asReader.contains("7 unexpected pairs, more than the 0 allowed"), is(true));
        assertThat(asReader.contains("name=\"decision\""), is(false));
        assertThat(asBuilder.contains("name=\"decision\""), is(true));
        JenkinsRule.WebClient wc = r.createWebClient().login("reader");
        wc.getOptions().setJavaScriptEnabled(false);
        assertThat(
                wc.getPage(b).asNormalizedText().contains("A shadow gate waits for a person to proceed or abort"),
                is(true));
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            b.doStop();
        }
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertThat(b.getAction(ShadowGateAction.class).getGates().get(0).getDecision(), is("withdrawn"));
    }

    @Test
    void aPrometheusDiscrepancyMetricFailsTheGate() throws Exception {
        try (PrometheusReplay prometheus = PrometheusReplay.answering(
                PrometheusReplay.COMPARED, "prometheus_api_v1_query_scalar.json",
                PrometheusReplay.DIFFERING, "prometheus_api_v1_query_by_region.json")) {
            DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
            WorkflowRun b = run(prometheus.gate("duration: '1h'"));

            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("0.0 requests compared, 0.1 discrepancies", b);
            r.assertLogContains("0.1 discrepancies, more than the 0 allowed", b);
        }
    }

    @Test
    void aPrometheusWithoutSeriesFailsAtTheEndNotBefore() throws Exception {
        try (PrometheusReplay prometheus = PrometheusReplay.answering(
                PrometheusReplay.COMPARED, "prometheus_api_v1_query_vector.json",
                PrometheusReplay.DIFFERING, "prometheus_api_v1_query_empty.json")) {
            DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
            WorkflowRun b = run(prometheus.gate("duration: '6s'"));

            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains(
                    "nothing to judge at the end of the observation window: query '" + PrometheusReplay.DIFFERING
                            + "' matches no series yet",
                    b);
            assertThat(b.getDuration(), greaterThanOrEqualTo(6_000L));
        }
    }

    @Test
    void prometheusNeedsTheConfiguredUrl() throws Exception {
        WorkflowRun b = run("shadowGate(prometheus: 'sum(x)', comparedQuery: 'sum(y)')");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("shadowGate: prometheus: needs the Prometheus URL of the Deploy Train settings", b);
    }

    private void secure() {
        JenkinsRule.DummySecurityRealm realm = r.createDummySecurityRealm();
        realm.addGroups("carol", "release-managers");
        r.jenkins.setSecurityRealm(realm);
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader", "builder", "approver", "carol")
                .grant(Item.BUILD)
                .onItems(p)
                .to("builder", "carol")
                .grant(DeployTrainPermissions.APPROVE)
                .onItems(p)
                .to("approver"));
    }

    private String page(WorkflowRun b, String user) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login(user);
        wc.getOptions().setJavaScriptEnabled(false);
        return wc.goTo(b.getUrl() + "shadow-gate/").getWebResponse().getContentAsString();
    }

    /** As the page's form posts: the gate, the decision and a reason, with the crumb unless told not to. */
    private WebResponse decide(WorkflowRun b, String user, String id, String decision, boolean withCrumb)
            throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login(user).withThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setJavaScriptEnabled(false);
        WebRequest request = new WebRequest(
                URI.create(wc.getContextPath() + b.getUrl() + "shadow-gate/decide")
                        .toURL(),
                HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        parameters.add(new NameValuePair("id", id));
        parameters.add(new NameValuePair("decision", decision));
        parameters.add(new NameValuePair("reason", "a known header change"));
        request.setRequestParameters(parameters);
        if (withCrumb) {
            wc.addCrumb(request);
        }
        return wc.getPage(request).getWebResponse();
    }

    @Test
    void theStepsArgumentsRoundTrip() throws Exception {
        ShadowGateStep step = new ShadowGateStep();
        step.setPairs("shadow-pairs.jsonl");
        step.setRules("deploy/shadow-rules.yaml");
        step.setDuration("30m");
        step.setOnFailure("pause");
        step.setMaxUnexpected(2);
        step.setShadowVersion("2.4.1");

        Map<String, ?> arguments = DescribableModel.uninstantiate2_(step).getArguments();
        ShadowGateStep again =
                DescribableModel.uninstantiate2_(step).instantiate(ShadowGateStep.class, TaskListener.NULL);

        assertThat(
                arguments,
                is(Map.of(
                        "pairs", "shadow-pairs.jsonl",
                        "rules", "deploy/shadow-rules.yaml",
                        "duration", "30m",
                        "onFailure", "pause",
                        "maxUnexpected", 2,
                        "shadowVersion", "2.4.1")));
        r.assertEqualDataBoundBeans(step, again);
    }
}
