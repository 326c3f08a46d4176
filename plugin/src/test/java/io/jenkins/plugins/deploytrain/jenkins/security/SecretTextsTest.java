package io.jenkins.plugins.deploytrain.jenkins.security;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Fingerprint;
import hudson.util.Secret;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class SecretTextsTest {

    @Test
    void aUsedCredentialRecordsTheBuildInItsFingerprint(JenkinsRule r) throws Exception {
        StringCredentialsImpl token = new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "slack-token", "Slack bot token", Secret.fromString("xoxb-secrets-test"));
        SystemCredentialsProvider.getInstance().getCredentials().add(token);
        SystemCredentialsProvider.getInstance().save();
        FreeStyleProject job = r.createFreeStyleProject("payments");
        FreeStyleBuild build = r.buildAndAssertSuccess(job);

        Optional<io.jenkins.plugins.deploytrain.gate.Secret> found = SecretTexts.find("slack-token", build);

        assertThat(found.isPresent(), is(true));
        assertThat(found.get().reveal(), is("xoxb-secrets-test"));
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(token);
        assertThat(fingerprint, is(notNullValue()));
        assertThat(fingerprint.getJobs(), hasItem("payments"));
    }

    @Test
    void anUnknownIdIsNothing(JenkinsRule r) throws Exception {
        FreeStyleBuild build = r.buildAndAssertSuccess(r.createFreeStyleProject("payments"));

        assertThat(SecretTexts.find("no-such-id", build).isPresent(), is(false));
        assertThat(SecretTexts.find(null, build).isPresent(), is(false));
    }
}
