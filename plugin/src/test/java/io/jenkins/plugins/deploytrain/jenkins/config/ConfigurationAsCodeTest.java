package io.jenkins.plugins.deploytrain.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The CasC round trip through the configuration-as-code plugin's own HTTP endpoints
 * ({@code configuration-as-code/apply} and {@code /export}, POST with the crumb, as an administrator),
 * the way an administrator's tooling drives it: configure from YAML, export, apply our exported section again.
 * The endpoints are driven over HTTP rather than through the plugin's Java API, which a maintainer would also do
 * to test what an administrator's tooling sees.
 */
@WithJenkins
class ConfigurationAsCodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The global configuration's symbol. */
    private static final String SECTION = "deployTrainSettings";

    private JenkinsRule r;
    private JenkinsRule.WebClient admin;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        admin.login("admin");
    }

    @Test
    void appliesTheGlobalConfigurationFromYaml() throws Exception {
        assertThat(post("apply", resource("configuration-as-code.yml")).getStatusCode(), is(200));

        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        assertThat(config.getSlackChannel(), is("#deploys"));
        assertThat(config.getSlackCredentialsId(), is("slack-token"));
        assertThat(config.getSlackUserMap(), is(Map.of("U061F7AUR", "alice", "U0G9QF9C6", "bob")));
        assertThat(config.getPrometheusUrl(), is("https://prometheus.example.com"));
        assertThat(config.getAlertmanagerUrl(), is("https://alertmanager.example.com"));
        assertThat(config.getDatadogSite(), is("datadoghq.eu"));
        assertThat(config.getDatadogApiKeyCredentialsId(), is("dd-api"));
        assertThat(config.getDatadogApplicationKeyCredentialsId(), is("dd-app"));
        assertThat(config.getApproverList().names(), contains("alice", "release-managers"));
        assertThat(config.getDefaultWindows(), containsString("timezone: Europe/Paris"));
        assertThat(config.getPushgatewayUrl(), is("http://pushgateway.example.com:9091"));
        assertThat(config.isPublishDatadogEvents(), is(true));
    }

    @Test
    void exportsTheConfigurationWithoutSecretsAndAppliesItsSectionAgainUnchanged() throws Exception {
        post("apply", resource("configuration-as-code.yml"));

        WebResponse export = post("export", "");
        assertThat(export.getStatusCode(), is(200));
        String yaml = export.getContentAsString(StandardCharsets.UTF_8);
        assertThat(yaml, not(containsString("xoxb-casc-test-token")));
        assertThat(yaml, not(containsString("casc-test-key")));
        // only our section goes back: the rest of an export (this test's security realm and authorization
        // strategy among it) is not meant to be applied again, and says so with FAILED TO EXPORT entries
        Map<String, Object> section = deployTrainSection(yaml);
        assertThat(section.get("prometheusUrl"), is("https://prometheus.example.com"));
        assertThat(section.get("approvers"), is("alice, release-managers"));
        assertThat(section.get("slackCredentialsId"), is("slack-token"));
        assertThat(section.get("pushgatewayUrl"), is("http://pushgateway.example.com:9091"));
        assertThat(section.get("publishDatadogEvents"), is(true));

        DeployTrainGlobalConfiguration.get().setPrometheusUrl("https://elsewhere.example.com");
        DeployTrainGlobalConfiguration.get().setApprovers("bob");
        DeployTrainGlobalConfiguration.get().setPushgatewayUrl(null);
        DeployTrainGlobalConfiguration.get().setPublishDatadogEvents(false);
        assertThat(post("apply", asCasc(section)).getStatusCode(), is(200));

        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        assertThat(config.getPrometheusUrl(), is("https://prometheus.example.com"));
        assertThat(config.getApprovers(), is("alice, release-managers"));
        assertThat(config.getPushgatewayUrl(), is("http://pushgateway.example.com:9091"));
        assertThat(config.isPublishDatadogEvents(), is(true));
        assertThat(config.getSlackUserMap(), is(Map.of("U061F7AUR", "alice", "U0G9QF9C6", "bob")));
        assertThat(config.getDefaultWindows(), containsString("timezone: Europe/Paris"));
    }

    @Test
    void theSectionIsNamedApartFromTheSteps() throws Exception {
        post("apply", resource("configuration-as-code.yml"));

        String yaml = post("export", "").getContentAsString(StandardCharsets.UTF_8);

        assertThat(unclassified(yaml).containsKey(SECTION), is(true));
        assertThat("deployTrain is the step", unclassified(yaml).containsKey("deployTrain"), is(false));
    }

    /** The {@code unclassified} part of a CasC export, as plain maps. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> unclassified(String export) {
        Map<String, Object> all = new Yaml(new SafeConstructor(new LoaderOptions())).load(export);
        return (Map<String, Object>) all.get("unclassified");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deployTrainSection(String export) {
        return (Map<String, Object>) unclassified(export).get(SECTION);
    }

    /** A CasC file with our section alone. */
    private static String asCasc(Map<String, Object> section) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(Map.of("unclassified", Map.of(SECTION, section)));
    }

    @Test
    void anEmptyApproverEntryFailsTheApplyAndKeepsTheConfiguration() throws Exception {
        post("apply", resource("configuration-as-code.yml"));

        assertThat(post("apply", resource("bad-approvers.yml")).getStatusCode(), greaterThanOrEqualTo(400));

        assertThat(DeployTrainGlobalConfiguration.get().getApprovers(), is("alice, release-managers"));
    }

    @Test
    void brokenWindowsFailTheApplyAndKeepTheConfiguration() throws Exception {
        post("apply", resource("configuration-as-code.yml"));

        assertThat(post("apply", resource("bad-windows.yml")).getStatusCode(), greaterThanOrEqualTo(400));

        assertThat(DeployTrainGlobalConfiguration.get().getDefaultWindows(), containsString("Europe/Paris"));
    }

    @Test
    void onlyAdministratorsMayApply() throws Exception {
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        reader.login("reader");

        assertThat(post(reader, "apply", resource("configuration-as-code.yml")).getStatusCode(), is(403));
        assertThat(DeployTrainGlobalConfiguration.get().getPrometheusUrl(), not("https://prometheus.example.com"));
    }

    private WebResponse post(String method, String body) throws Exception {
        return post(admin, method, body);
    }

    /** The CasC endpoints read the YAML from the request body, so the crumb goes in the query string. */
    private WebResponse post(JenkinsRule.WebClient wc, String method, String body) throws Exception {
        JsonNode crumb = JSON.readTree(wc.goTo("crumbIssuer/api/json", "application/json")
                .getWebResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        URI uri = URI.create(wc.getContextPath() + "configuration-as-code/" + method + "?"
                + crumb.path("crumbRequestField").asText() + "="
                + URLEncoder.encode(crumb.path("crumb").asText(), StandardCharsets.UTF_8));
        WebRequest request = new WebRequest(uri.toURL(), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/x-yaml; charset=utf-8");
        request.setRequestBody(body);
        return wc.getPage(request).getWebResponse();
    }

    private String resource(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
