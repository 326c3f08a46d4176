package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.FilePath;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Three AWS regions and the recorded plan of one of them (fixtures/terraform, see its SOURCES.md): in
 * eu-west-1 the same change with the region, zone and account of that region; in ap-southeast-2 the same
 * but for one bucket's name, a real difference.
 */
final class TerraformTrainFiles {
    private TerraformTrainFiles() {}

    static final String TRAIN_ID = "network-r42-1";

    static final String FLEET = """
        environments:
          - name: prod-usw1
            provider: aws
            region: us-west-1
            zones: [us-west-1c]
            tier: primary
            labels: {account: '704778554736'}
          - name: prod-euw1
            provider: aws
            region: eu-west-1
            zones: [eu-west-1c]
            tier: production
            labels: {account: '111111111111'}
          - name: prod-apse2
            provider: aws
            region: ap-southeast-2
            zones: [ap-southeast-2c]
            tier: production
            labels: {account: '222222222222'}
        """;

    /** The body plans by copying its environment's recorded plan to TRAIN_PLAN_JSON, as terraform show -json would. */
    static String script(boolean autoApprove) {
        return """
            node {
              def result = terraformTrain(fleet: 'fleet.yaml', service: 'network', version: 'r42',
                                          tokens: ['account'], autoApproveIdenticalPlans: %s) {
                if (env.TRAIN_PHASE == 'plan') {
                  echo "body: planning ${env.TRAIN_TARGET} attempt ${env.TRAIN_ATTEMPT}"
                  writeFile file: env.TRAIN_PLAN_JSON, text: readFile("plans/${env.TRAIN_ENVIRONMENT}.json")
                } else {
                  echo "body: applying ${env.TRAIN_TARGET} attempt ${env.TRAIN_ATTEMPT}"
                }
              }
              echo "result: ${result.status} ${result.succeeded}"
            }
            """.formatted(autoApprove);
    }

    static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "network");
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        workspace.child("fleet.yaml").write(FLEET, "UTF-8");
        String usWest = fixture("tfcompliance_update_noop_create_us-west-1.json");
        workspace.child("plans/prod-usw1.json").write(usWest, "UTF-8");
        workspace.child("plans/prod-euw1.json").write(inRegion(usWest, "eu-west-1", "111111111111"), "UTF-8");
        workspace
                .child("plans/prod-apse2.json")
                .write(
                        inRegion(usWest, "ap-southeast-2", "222222222222")
                                .replace("my-tf-test-bucket", "my-tf-other-bucket"),
                        "UTF-8");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private static String inRegion(String plan, String region, String account) {
        return plan.replace("us-west-1", region).replace("704778554736", account);
    }

    /** A recorded Terraform plan or output under testdata/terraform. */
    static String fixture(String name) throws IOException {
        return Fixtures.read("terraform/" + name);
    }

    static Train ledgerTrain(WorkflowJob p) {
        return JobLedgerStore.of(p).load().orElseThrow().train(TRAIN_ID).orElseThrow();
    }
}
