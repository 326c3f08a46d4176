package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import java.net.URI;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Two trains in one build, in parallel: each has its own page, and an approval link acts on its own train only. */
@WithJenkins
class DeployTrainSeveralTrainsTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String SECOND_TRAIN = """
        service: ledger-api
        version: 2.0.0
        fleet: fleet.yaml
        soakAfterZone: 0s
        """;

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) {
        this.r = r;
    }

    @Test
    void eachTrainHasItsOwnPageAndItsLinksActOnItOnly() throws Exception {
        WorkflowJob p = job(r, train("0s"), """
            node {
              parallel payments: {
                deployTrain(train: 'train.yaml') {
                  if (env.TRAIN_ZONE == 'eu-west-1b' && env.TRAIN_ATTEMPT == '1') { error 'payments failed' }
                }
              }, ledger: {
                deployTrain(train: 'second.yaml') {
                  if (env.TRAIN_ZONE == 'eu-west-1b' && env.TRAIN_ATTEMPT == '1') { error 'ledger failed' }
                }
              }
            }
            """);
        r.jenkins.getWorkspaceFor(p).child("second.yaml").write(SECOND_TRAIN, "UTF-8");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Deploy Train payments-api-1.2.3-1: waiting for approval", b);
        r.waitForMessage("Deploy Train ledger-api-2.0.0-1: waiting for approval", b);

        List<TrainRunAction> pages = b.getActions(TrainRunAction.class);
        assertThat(pages, hasSize(2));
        TrainRunAction first = pages.get(0);
        TrainRunAction second = pages.get(1);
        assertThat(first.getUrlName(), is(not(second.getUrlName())));
        assertThat(first.getTrainId(), is(not(second.getTrainId())));
        // the console's links go to the page of the train they were printed for, and name that train
        String console = r.createWebClient()
                .goTo(b.getUrl() + "console")
                .getWebResponse()
                .getContentAsString();
        for (TrainRunAction page : pages) {
            assertThat(console, containsString(page.getUrlName() + "/approve?action=retry"));
            assertThat(console, containsString("train=" + page.getTrainId()));
            r.assertLogContains("(or on the page of train " + page.getTrainId() + ")", b);
        }
        assertThat(r.createWebClient().goTo(b.getUrl() + second.getUrlName() + "/").asNormalizedText(),
                containsString(second.getTrainId()));

        assertThat(approve(b, first, second.getTrainId()).getStatusCode(), is(400));
        assertThat(approve(b, first, first.getTrainId()).getStatusCode(), is(200));
        assertThat(approve(b, second, second.getTrainId()).getStatusCode(), is(200));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    /** A skip of the failed target, through {@code page}'s endpoint, for the train the link names. */
    private WebResponse approve(WorkflowRun b, TrainRunAction page, String train) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(
                URI.create(wc.getContextPath() + b.getUrl() + page.getUrlName() + "/approve")
                        .toURL(),
                HttpMethod.POST);
        request.setRequestParameters(List.of(
                new NameValuePair("action", "skip"),
                new NameValuePair("target", "staging-eu/eu-west-1b"),
                new NameValuePair("train", train),
                new NameValuePair("reason", "known flaky zone")));
        wc.addCrumb(request);
        return wc.getPage(request).getWebResponse();
    }
}
