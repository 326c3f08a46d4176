package io.jenkins.plugins.deploytrain.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.net.URI;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DeployTrainGlobalConfigurationTest {

    private static final String CHECK_URL =
            "descriptorByName/" + DeployTrainGlobalConfiguration.class.getName() + "/checkPrometheusUrl";

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "slack-token", "Slack bot", Secret.fromString("xoxb-not-a-token")));
        credentials
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "dd-api", "Datadog API key", Secret.fromString("dd-api-secret")));
        credentials
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "dd-app", "Datadog app key", Secret.fromString("dd-app-secret")));
        credentials.save();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
    }

    @Test
    void formRoundTripKeepsEveryField() throws Exception {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        config.setSlackChannel("#deploys");
        config.setSlackCredentialsId("slack-token");
        config.setPrometheusUrl("https://prometheus.example.com");
        config.setAlertmanagerUrl("https://alertmanager.example.com");
        config.setDatadogSite("datadoghq.eu");
        config.setDatadogApiKeyCredentialsId("dd-api");
        config.setDatadogApplicationKeyCredentialsId("dd-app");
        config.setApprovers("alice, release-managers");
        config.setDefaultWindows("businessHours:\n  timezone: Europe/Paris\n  hours: \"09:00-17:00\"");
        config.setPushgatewayUrl("http://pushgateway.example.com:9091");
        config.setPublishDatadogEvents(true);

        HtmlPage page = r.createWebClient().login("admin").goTo("configure");
        r.submit(page.getFormByName("config"));

        DeployTrainGlobalConfiguration after = DeployTrainGlobalConfiguration.get();
        assertThat(after.getSlackChannel(), is("#deploys"));
        assertThat(after.getSlackCredentialsId(), is("slack-token"));
        assertThat(after.getPrometheusUrl(), is("https://prometheus.example.com"));
        assertThat(after.getAlertmanagerUrl(), is("https://alertmanager.example.com"));
        assertThat(after.getDatadogSite(), is("datadoghq.eu"));
        assertThat(after.getDatadogApiKeyCredentialsId(), is("dd-api"));
        assertThat(after.getDatadogApplicationKeyCredentialsId(), is("dd-app"));
        assertThat(after.getApproverList().names(), contains("alice", "release-managers"));
        assertThat(after.getDefaultWindows(), containsString("timezone: Europe/Paris"));
        assertThat(after.getPushgatewayUrl(), is("http://pushgateway.example.com:9091"));
        assertThat(after.isPublishDatadogEvents(), is(true));
    }

    @Test
    void pushgatewayUrlCheckNamesTheFieldAndNeedsAdminister() {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            assertThat(config.doCheckPushgatewayUrl("http://pushgateway:9091").kind, is(FormValidation.Kind.OK));
            FormValidation bad = config.doCheckPushgatewayUrl("pushgateway:9091");
            assertThat(bad.kind, is(FormValidation.Kind.ERROR));
            assertThat(bad.getMessage(), containsString("Pushgateway URL"));
        }
        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            assertThrows(AccessDeniedException3.class, () -> config.doCheckPushgatewayUrl("http://pushgateway:9091"));
        }
    }

    @Test
    void aBadValueInTheFormNamesItsFieldAndNothingOfTheFormIsApplied() throws Exception {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        config.setPrometheusUrl("https://prometheus.example.com");
        config.setApprovers("alice");
        config.setSlackUsers("U061F7AUR=alice");
        config.setDefaultWindows(null);

        assertRefused("_.slackUsers", "alice", "is not SLACKID=user");
        assertRefused("_.approvers", "alice,,bob", "entry 2 of 3");
        assertRefused("_.defaultWindows", "nights:\n  zone: UTC\n  hours: 22:00-06:00\n", "Default windows, line 2");

        assertThat(config.getPrometheusUrl(), is("https://prometheus.example.com"));
        assertThat(config.getApprovers(), is("alice"));
        assertThat(config.getSlackUsers(), is("U061F7AUR=alice"));
        assertThat(config.getDefaultWindows(), is((String) null));
        DeployTrainGlobalConfiguration reloaded = new DeployTrainGlobalConfiguration();
        assertThat("nothing was saved either", reloaded.getPrometheusUrl(), is("https://prometheus.example.com"));
    }

    /** Submits the form with a new Prometheus URL and one bad field: refused with the field's problem. */
    private void assertRefused(String field, String value, String problem) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("admin").withThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = wc.goTo("configure").getFormByName("config");
        form.getInputByName("_.prometheusUrl").setValue("https://elsewhere.example.com");
        HtmlElement input = form.getOneHtmlElementByAttribute("*", "name", field);
        if (input instanceof HtmlTextArea area) {
            area.setText(value);
        } else {
            ((HtmlInput) input).setValue(value);
        }

        HtmlPage answer = r.submit(form);

        assertThat(answer.getWebResponse().getStatusCode(), is(400));
        assertThat(answer.getWebResponse().getContentAsString(), containsString(problem));
    }

    @Test
    void settingsAreReadBackFromDisk() {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        config.setPrometheusUrl("https://prometheus.example.com");
        config.setApprovers("alice");

        DeployTrainGlobalConfiguration reloaded = new DeployTrainGlobalConfiguration();
        assertThat(reloaded.getPrometheusUrl(), is("https://prometheus.example.com"));
        assertThat(reloaded.getApprovers(), is("alice"));
        assertThat(reloaded.getDatadogSite(), is(DeployTrainGlobalConfiguration.DEFAULT_DATADOG_SITE));
        assertThat("events to Datadog are off until asked for", reloaded.isPublishDatadogEvents(), is(false));
        assertThat(reloaded.getPushgatewayUrl(), is((String) null));
    }

    @Test
    void invalidApproversAreRejectedBeforeTheyAreStored() {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        config.setApprovers("alice");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config.setApprovers("alice,"));
        assertThat(e.getMessage(), containsString("entry 2 of 2"));
        assertThat(config.getApprovers(), is("alice"));
    }

    @Test
    void invalidWindowsAreRejectedBeforeTheyAreStored() {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> config.setDefaultWindows("zone: UTC\nzone: Europe/Paris"));
        assertThat(e.getMessage(), containsString("Default windows, line 2, column 1"));
        assertThat(config.getDefaultWindows(), is((String) null));
    }

    @Test
    void validationAnswersAdministratorsOverPostWithCrumb() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("admin");
        WebRequest request = post(wc, "http://prometheus");
        wc.addCrumb(request);
        Page page = wc.getPage(request);
        assertThat(page.getWebResponse().getStatusCode(), is(200));
        assertThat(page.getWebResponse().getContentAsString(), not(containsString("error")));

        WebRequest bad = post(wc, "prometheus:9090");
        wc.addCrumb(bad);
        String answer = wc.getPage(bad).getWebResponse().getContentAsString();
        assertThat(answer, containsString("error"));
        assertThat(answer, containsString("Prometheus URL"));
    }

    @Test
    void validationRefusesReadersGetsAndMissingCrumbs() throws Exception {
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);
        WebRequest fromReader = post(reader, "http://prometheus");
        reader.addCrumb(fromReader);
        assertThat(reader.getPage(fromReader).getWebResponse().getStatusCode(), is(403));

        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        admin.assertFails(CHECK_URL + "?value=http://prometheus", 404);
        admin.setThrowExceptionOnFailingStatusCode(false);
        assertThat(
                admin.getPage(post(admin, "http://prometheus")).getWebResponse().getStatusCode(), is(403));
    }

    @Test
    void credentialIdsAreListedToAdministratorsOnly() {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            ListBoxModel items = config.doFillSlackCredentialsIdItems("");
            assertThat(values(items), hasItem("slack-token"));
            assertThat(values(items), hasItem("dd-api"));
        }
        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            ListBoxModel items = config.doFillSlackCredentialsIdItems("slack-token");
            assertThat(values(items), contains("slack-token"));
            assertThat(values(config.doFillDatadogApiKeyCredentialsIdItems("")), not(hasItem("dd-api")));
        }
    }

    @Test
    void credentialIdCheckWarnsAboutUnknownIdsAndNeedsAdminister() {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            assertThat(config.doCheckSlackCredentialsId("slack-token").kind, is(FormValidation.Kind.OK));
            FormValidation unknown = config.doCheckDatadogApiKeyCredentialsId("dd-typo");
            assertThat(unknown.kind, is(FormValidation.Kind.WARNING));
            assertThat(unknown.getMessage(), containsString("dd-typo"));
        }
        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            assertThrows(AccessDeniedException3.class, () -> config.doCheckSlackCredentialsId("slack-token"));
            assertThrows(AccessDeniedException3.class, () -> config.doCheckDefaultWindows("a: ["));
        }
    }

    @Test
    void windowsCheckPointsAtTheBrokenLine() {
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            FormValidation v = DeployTrainGlobalConfiguration.get()
                    .doCheckDefaultWindows("businessHours:\n  days: Mon-Fri\n hours: 09:00-17:00\n");
            assertThat(v.kind, is(FormValidation.Kind.ERROR));
            assertThat(v.getMessage(), containsString("line 3, column 2"));
        }
    }

    private static WebRequest post(JenkinsRule.WebClient wc, String value) throws Exception {
        WebRequest request =
                new WebRequest(URI.create(wc.getContextPath() + CHECK_URL).toURL(), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("value", value)));
        return request;
    }

    private static List<String> values(ListBoxModel items) {
        return items.stream().map(o -> o.value).toList();
    }
}
