package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.FilePath;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** A small fleet (two staging zones, then the primary's one zone) and the job that rolls a release across it. */
final class TrainFiles {
    private TrainFiles() {}

    static final String TRAIN_ID = "payments-api-1.2.3-1";

    static final String FLEET = """
        environments:
          - name: staging-eu
            provider: aws
            region: eu-west-1
            zones: [eu-west-1a, eu-west-1b]
            tier: staging
          - name: prod-eu
            provider: aws
            region: eu-west-1
            zones: [eu-west-1a]
            tier: primary
        """;

    static String train(String soakAfterZone) {
        return """
            service: payments-api
            version: 1.2.3
            fleet: fleet.yaml
            soakAfterZone: %s
            """.formatted(soakAfterZone);
    }

    /** Echoes each target and fails the first attempt of {@code failZone} (none when null). */
    static String script(String failZone) {
        return """
            node {
              def result = deployTrain(train: 'train.yaml') {
                echo "deploying ${env.TRAIN_ENVIRONMENT}/${env.TRAIN_ZONE} attempt ${env.TRAIN_ATTEMPT} of ${env.TRAIN_SERVICE} ${env.TRAIN_VERSION}"
                if (env.TRAIN_ZONE == '%s' && env.TRAIN_ATTEMPT == '1') {
                  error 'the deploy script failed'
                }
              }
              echo "result: ${result.trainId} ${result.status} ${result.succeeded} ${result.failed}"
            }
            """.formatted(failZone == null ? "" : failZone);
    }

    static WorkflowJob job(JenkinsRule r, String train, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "payments");
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        workspace.child("fleet.yaml").write(FLEET, "UTF-8");
        workspace.child("train.yaml").write(train, "UTF-8");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    static Train ledgerTrain(WorkflowJob p) {
        return JobLedgerStore.of(p).load().orElseThrow().train(TRAIN_ID).orElseThrow();
    }

    /** How often the build's log has this line. */
    static long count(JenkinsRule r, WorkflowRun b, String line) throws Exception {
        return JenkinsRule.getLog(b).lines().filter(l -> l.contains(line)).count();
    }

    /** Approves through the build page's endpoint, as a person would: POST with the crumb. */
    static WebResponse approve(JenkinsRule r, WorkflowRun b, String action, String target) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(
                URI.create(wc.getContextPath() + b.getUrl() + "deploy-train/approve")
                        .toURL(),
                HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        parameters.add(new NameValuePair("action", action));
        parameters.add(new NameValuePair("target", target));
        parameters.add(new NameValuePair("reason", "flaky load balancer, retrying"));
        request.setRequestParameters(parameters);
        wc.addCrumb(request);
        return wc.getPage(request).getWebResponse();
    }
}
