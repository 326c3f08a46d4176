package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.posted;
import static io.jenkins.plugins.deploytrain.jenkins.steps.SlackReplay.replies;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import hudson.PluginWrapper;
import hudson.model.User;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.slackplugin.SlackPlugin;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * Issue 18: the Slack plugin is an optional dependency, so Deploy Train must start and work as before on a
 * controller without it. A JenkinsRule would install the Slack plugin from the test classpath; a real
 * Jenkins without it is the only faithful check: there its classes are not visible to Deploy Train's class
 * loader at all, and any Deploy Train class that named them on a path this test takes would fail to link.
 */
class DeployTrainWithoutSlackPluginTest {

    @RegisterExtension
    private final RealJenkinsExtension rr = new RealJenkinsExtension()
            .omitPlugins("slack")
            .javaOptions("-Ddeploytrain.fixtures=" + fixtures());

    /** The recorded answers' folder, absolute: the Jenkins JVM runs in another directory and inherits no property. */
    private static String fixtures() {
        String configured = System.getProperty("deploytrain.fixtures");
        return Path.of(configured != null ? configured : "../testdata")
                .toAbsolutePath()
                .normalize()
                .toString();
    }

    @Test
    void theTrainsSlackThreadAndReplyApprovalsWorkAsBeforeWithoutTheSlackPlugin() throws Throwable {
        rr.then(DeployTrainWithoutSlackPluginTest::withoutTheSlackPlugin);
    }

    private static void withoutTheSlackPlugin(JenkinsRule r) throws Throwable {
        assertThat(r.jenkins.getPluginManager().getPlugin("slack"), is(nullValue()));
        PluginWrapper deployTrain = r.jenkins.getPluginManager().getPlugin("deploy-train");
        assertThat(deployTrain, is(notNullValue()));
        assertThat(deployTrain.isActive(), is(true));
        assertThat(r.jenkins.getPluginManager().getFailedPlugins(), is(empty()));
        assertThat(SlackPlugin.active(), is(false));

        try (ReplayService slack = SlackReplay.start()) {
            SlackReplay.configure(slack, "U061F7AUR=alice");
            User.getById("alice", true);
            assertThat(
                    DeployTrainGlobalConfiguration.get().getSlackInEffect(),
                    containsString("using Deploy Train's credential 'slack-token'"));
            // the configuration page renders, with the source in effect and the Test connection button
            String page = r.createWebClient().goTo("configure").getWebResponse().getContentAsString();
            assertThat(page, containsString("Test Slack connection"));
            assertThat(page, not(containsString("Slack plugin")));

            WorkflowJob p = job(r, train("0s") + SlackReplay.SECTION, script("eu-west-1b"));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
            slack.answer("/conversations.replies", replies("U061F7AUR", "skip staging-eu/eu-west-1b"));

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            assertThat(ledgerTrain(p).approvals().get(0).by(), is("alice"));
            assertThat(posted(slack).isEmpty(), is(false));
            assertThat(slack.requests("/users.lookupByEmail"), is(empty()));
        }
    }
}
