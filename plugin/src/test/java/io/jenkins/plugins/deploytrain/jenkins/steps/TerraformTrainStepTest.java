package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TerraformTrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TerraformTrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TerraformTrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.approve;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.ReviewStatus;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class TerraformTrainStepTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) {
        this.r = r;
    }

    @Test
    void anIdenticalRegionIsAppliedAtOnceAChangedOneWaitsWithItsDiffAndApprovalsContinueTheTrain() throws Exception {
        WorkflowJob p = job(r, script(true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();

        // the train's first plan: a person reviews it, from the console or the build page
        r.waitForMessage("waiting for approval: plan of prod-usw1/us-west-1c (attempt 1, 2 changes) needs review", b);
        r.waitForMessage("    + aws_s3_bucket.newly_created", b);
        assertThat(count(r, b, "body: applying"), is(0L));
        assertThat(approve(r, b, "proceed", "prod-usw1/us-west-1c").getStatusCode(), is(200));

        r.waitForMessage(
                "waiting for approval: plan of prod-apse2/ap-southeast-2c (attempt 1, 2 changes) differs from "
                        + "the plan approved for prod-usw1/us-west-1c in 1 changes: aws_s3_bucket.newly_created",
                b);
        r.waitForMessage("        after.bucket: \"my-tf-test-bucket\" -> \"my-tf-other-bucket\"", b);
        r.assertLogContains(
                "plan of prod-euw1/eu-west-1c is identical to the plan approved for prod-usw1/us-west-1c: applying", b);
        assertThat(count(r, b, "body: applying prod-usw1/us-west-1c attempt 2"), is(1L));
        assertThat(count(r, b, "body: applying prod-euw1/eu-west-1c attempt 2"), is(1L));
        assertThat(count(r, b, "body: applying prod-apse2"), is(0L));
        assertThat(
                ledgerTrain(p)
                        .target("prod-euw1/eu-west-1c")
                        .orElseThrow()
                        .terraform()
                        .review()
                        .status(),
                is(ReviewStatus.AUTO_APPROVED));
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);
        String page = wc.goTo(b.getUrl() + "deploy-train/").asNormalizedText();
        assertThat(page, containsString("Plan to review prod-apse2/ap-southeast-2c"));
        assertThat(page, containsString("Diff against the plan approved for prod-usw1/us-west-1c"));
        assertThat(page, containsString("after.bucket: \"my-tf-test-bucket\" -> \"my-tf-other-bucket\""));
        // the build page's JSON carries the ledger's plan records, for the view and for scripts
        JsonNode view = LedgerJson.mapper()
                .readTree(wc.goTo(b.getUrl() + "deploy-train/view", "application/json")
                        .getWebResponse()
                        .getContentAsString());
        JsonNode targets = view.path("ledger-train").path("targets");
        assertThat(
                targets.path(1).path("terraform").path("review").path("status").asText(), is("auto-approved"));
        assertThat(
                targets.path(2)
                        .path("terraform")
                        .path("plan")
                        .path("comparedWith")
                        .asText(),
                is("prod-usw1/us-west-1c"));

        approve(r, b, "proceed", "prod-apse2/ap-southeast-2c");

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains(
                "result: succeeded [prod-usw1/us-west-1c, prod-euw1/eu-west-1c, prod-apse2/ap-southeast-2c]", b);
        assertThat(count(r, b, "body: applying "), is(3L));
        assertThat(count(r, b, "body: planning "), is(3L));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
        // the plans kept for diffs hold secrets in clear: they went with the train
        assertThat(new File(p.getRootDir(), "deploy-train/plans/" + TerraformTrainFiles.TRAIN_ID).exists(), is(false));
    }

    @Test
    void withAutoApprovalOffAnIdenticalPlanWaitsToo() throws Exception {
        WorkflowJob p = job(r, script(false));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: plan of prod-usw1/us-west-1c", b);
        approve(r, b, "proceed", "prod-usw1/us-west-1c");

        r.waitForMessage(
                "waiting for approval: plan of prod-euw1/eu-west-1c (attempt 1, 2 changes) is identical to the "
                        + "plan approved for prod-usw1/us-west-1c; automatic approval is off",
                b);

        assertThat(count(r, b, "body: applying prod-euw1"), is(0L));
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
    }

    @Test
    void aPlanBodyThatWritesNoPlanOrNotPlanJsonFailsItsTargetAndRetryPlansAgain() throws Exception {
        WorkflowJob p = job(r, """
            node {
              terraformTrain(fleet: 'fleet.yaml', service: 'network', version: 'r42', tokens: ['account']) {
                if (env.TRAIN_PHASE == 'plan') {
                  echo "body: planning ${env.TRAIN_TARGET} attempt ${env.TRAIN_ATTEMPT}"
                  if (env.TRAIN_ATTEMPT == '2') {
                    writeFile file: env.TRAIN_PLAN_JSON, text: '{"format_version": "1.2", "resource_changes": ['
                  }
                }
              }
            }
            """);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();

        r.waitForMessage("the plan body wrote no plan to TRAIN_PLAN_JSON", b);
        r.assertLogContains(".deploy-train/plans/prod-usw1%2Fus-west-1c.json", b);
        assertThat(ledgerTrain(p).target("prod-usw1/us-west-1c").orElseThrow().status(), is(TargetStatus.FAILED));
        approve(r, b, "retry", "prod-usw1/us-west-1c");

        r.waitForMessage("the plan is not terraform show -json output: ", b);
        r.waitForMessage("prod-usw1%2Fus-west-1c.json:1:", b);
        assertThat(count(r, b, "body: planning prod-usw1/us-west-1c attempt 2"), is(1L));
        r.assertLogNotContains("\tat io.jenkins.plugins.deploytrain", b);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
    }

    @Test
    void anEnvironmentWithoutATokensLabelFailsTheBuildBeforeAnyPlan() throws Exception {
        WorkflowJob p = job(
                r,
                "node { terraformTrain(fleet: 'fleet.yaml', service: 'network', version: 'r42', tokens: ['cell']) {"
                        + " echo 'never' } }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("terraformTrain: environment prod-usw1 has no label 'cell'", b);
        r.assertLogNotContains("never", b);
    }

    @Test
    void theStepsArgumentsRoundTrip() throws Exception {
        TerraformTrainStep step = new TerraformTrainStep();
        step.setFleet("deploy/fleet.yaml");
        step.setService("network");
        step.setVersion("r42");
        step.setTokens(List.of("account", " cell "));
        step.setAutoApproveIdenticalPlans(false);

        Map<String, ?> arguments = DescribableModel.uninstantiate2_(step).getArguments();
        TerraformTrainStep again =
                DescribableModel.uninstantiate2_(step).instantiate(TerraformTrainStep.class, TaskListener.NULL);

        assertThat(
                arguments,
                is(Map.of(
                        "fleet", "deploy/fleet.yaml",
                        "service", "network",
                        "version", "r42",
                        "tokens", List.of("account", "cell"),
                        "autoApproveIdenticalPlans", false)));
        r.assertEqualDataBoundBeans(step, again);
    }
}
