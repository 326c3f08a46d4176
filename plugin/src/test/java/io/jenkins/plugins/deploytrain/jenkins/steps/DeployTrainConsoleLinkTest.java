package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The console's approval line: one POST link per choice, to the build page's approval endpoint. */
@WithJenkins
class DeployTrainConsoleLinkTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @Test
    void theRetryLinkInTheConsolePostsTheApprovalAndTheTrainContinues(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        JenkinsRule.WebClient wc = r.createWebClient();

        HtmlPage console = wc.getPage(b, "console");
        List<DomElement> links = console.getElementsByTagName("a").stream()
                .filter(a -> a.getAttribute("class").contains("post-hyperlink-note-button"))
                .toList();
        assertThat(
                links.stream().map(DomElement::getTextContent).toList(),
                contains("retry", "skip", "mark-succeeded", "abort"));
        String retry = decode(links.get(0).getAttribute("data-encoded-url"));
        assertThat(
                retry,
                is(r.getURL() + b.getUrl() + "deploy-train/approve?action=retry&target=staging-eu%2Feu-west-1b"));

        // what the link's script does: POST with the crumb
        WebRequest post = new WebRequest(URI.create(retry).toURL(), HttpMethod.POST);
        wc.addCrumb(post);
        wc.getPage(post);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 2"), is(1L));
    }

    /** The note's data attribute: the URL, URL-encoded, then base64 (URL alphabet). */
    private static String decode(String encoded) {
        return URLDecoder.decode(
                new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
