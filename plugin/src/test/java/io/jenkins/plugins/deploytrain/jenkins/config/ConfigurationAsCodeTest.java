package io.jenkins.plugins.deploytrain.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.yaml.YamlSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldSupportConfigurationAsCode(JenkinsConfiguredWithCodeRule r) {
        DeployTrainGlobalConfiguration config = DeployTrainGlobalConfiguration.get();
        assertThat(config.getSlackChannel(), is("#deploys"));
        assertThat(config.getSlackCredentialsId(), is("slack-token"));
        assertThat(config.getPrometheusUrl(), is("https://prometheus.example.com"));
        assertThat(config.getAlertmanagerUrl(), is("https://alertmanager.example.com"));
        assertThat(config.getDatadogSite(), is("datadoghq.eu"));
        assertThat(config.getDatadogApiKeyCredentialsId(), is("dd-api"));
        assertThat(config.getDatadogApplicationKeyCredentialsId(), is("dd-app"));
        assertThat(config.getApproverList().names(), contains("alice", "release-managers"));
        assertThat(config.getDefaultWindows(), containsString("zone: Europe/Paris"));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void shouldSupportConfigurationExport(JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("deployTrain");
        Mapping exported = node.asMapping();

        assertThat(exported.getScalarValue("slackChannel"), is("#deploys"));
        assertThat(exported.getScalarValue("slackCredentialsId"), is("slack-token"));
        assertThat(exported.getScalarValue("prometheusUrl"), is("https://prometheus.example.com"));
        assertThat(exported.getScalarValue("alertmanagerUrl"), is("https://alertmanager.example.com"));
        assertThat(exported.getScalarValue("datadogSite"), is("datadoghq.eu"));
        assertThat(exported.getScalarValue("datadogApiKeyCredentialsId"), is("dd-api"));
        assertThat(exported.getScalarValue("datadogApplicationKeyCredentialsId"), is("dd-app"));
        assertThat(exported.getScalarValue("approvers"), is("alice, release-managers"));
        assertThat(exported.getScalarValue("defaultWindows"), containsString("hours: \"09:00-17:00\""));

        String yaml = Util.toYamlString(node);
        assertThat(yaml, not(containsString("xoxb-casc-test-token")));
        assertThat(yaml, not(containsString("casc-test-key")));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportedConfigurationAppliesAgainUnchanged(JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = "unclassified:\n"
                + indent(Util.toYamlString(Util.getUnclassifiedRoot(context).get("deployTrain")), "deployTrain:");
        DeployTrainGlobalConfiguration.get().setPrometheusUrl("https://elsewhere.example.com");

        ConfigurationAsCode.get()
                .configureWith(YamlSource.of(
                        new ByteArrayInputStream(exported.getBytes(StandardCharsets.UTF_8)), "exported.yml"));

        assertThat(DeployTrainGlobalConfiguration.get().getPrometheusUrl(), is("https://prometheus.example.com"));
        assertThat(DeployTrainGlobalConfiguration.get().getApprovers(), is("alice, release-managers"));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void emptyApproverEntryFailsTheApplyWithItsPosition(JenkinsConfiguredWithCodeRule r) {
        ConfiguratorException e = assertThrows(ConfiguratorException.class, () -> apply("bad-approvers.yml"));
        assertThat(messages(e), hasItem(containsString("entry 2 of 3")));
        assertThat(DeployTrainGlobalConfiguration.get().getApprovers(), is("alice, release-managers"));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void brokenWindowsFailTheApplyWithLineAndColumn(JenkinsConfiguredWithCodeRule r) {
        ConfiguratorException e = assertThrows(ConfiguratorException.class, () -> apply("bad-windows.yml"));
        assertThat(messages(e), hasItem(containsString("Default windows, line 2, column 1")));
        assertThat(DeployTrainGlobalConfiguration.get().getDefaultWindows(), containsString("Europe/Paris"));
    }

    private void apply(String resource) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            ConfigurationAsCode.get().configureWith(YamlSource.of(in, resource));
        }
    }

    private static String indent(String yaml, String header) {
        StringBuilder out = new StringBuilder("  ").append(header).append('\n');
        yaml.lines().forEach(line -> out.append("    ").append(line).append('\n'));
        return out.toString();
    }

    /** CasC wraps the setter's exception; the user sees the whole chain. */
    private static List<String> messages(Throwable t) {
        List<String> messages = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            messages.add(String.valueOf(c.getMessage()));
        }
        return messages;
    }
}
