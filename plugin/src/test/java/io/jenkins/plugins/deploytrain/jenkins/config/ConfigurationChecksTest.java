package io.jenkins.plugins.deploytrain.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;

class ConfigurationChecksTest {

    @Test
    void emptyValuesAreFine() {
        assertThat(ConfigurationChecks.slackChannel(" ").kind, is(FormValidation.Kind.OK));
        assertThat(ConfigurationChecks.httpUrl("Prometheus URL", null).kind, is(FormValidation.Kind.OK));
        assertThat(ConfigurationChecks.datadogSite("").kind, is(FormValidation.Kind.OK));
        assertThat(ConfigurationChecks.approvers(null).kind, is(FormValidation.Kind.OK));
        assertThat(ConfigurationChecks.windows("\n").kind, is(FormValidation.Kind.OK));
    }

    @Test
    void slackChannelIsANameOrAnId() {
        assertThat(ConfigurationChecks.slackChannel("#deploys").kind, is(FormValidation.Kind.OK));
        assertThat(ConfigurationChecks.slackChannel("C0123ABCD").kind, is(FormValidation.Kind.OK));
        FormValidation noHash = ConfigurationChecks.slackChannel("deploys");
        assertThat(noHash.kind, is(FormValidation.Kind.ERROR));
        assertThat(noHash.getMessage(), containsString("deploys"));
        assertThat(ConfigurationChecks.slackChannel("#Deploys").kind, is(FormValidation.Kind.ERROR));
    }

    @Test
    void urlsMustBeAbsoluteHttp() {
        assertThat(
                ConfigurationChecks.httpUrl("Prometheus URL", "https://prometheus.example.com:9090").kind,
                is(FormValidation.Kind.OK));
        FormValidation ftp = ConfigurationChecks.httpUrl("Prometheus URL", "ftp://prometheus.example.com");
        assertThat(ftp.kind, is(FormValidation.Kind.ERROR));
        assertThat(ftp.getMessage(), containsString("Prometheus URL"));
        assertThat(ftp.getMessage(), containsString("ftp://prometheus.example.com"));
        assertThat(
                ConfigurationChecks.httpUrl("Alertmanager URL", "alertmanager:9093").kind,
                is(FormValidation.Kind.ERROR));
        FormValidation spaces = ConfigurationChecks.httpUrl("Alertmanager URL", "http://alert manager");
        assertThat(spaces.kind, is(FormValidation.Kind.ERROR));
        assertThat(spaces.getMessage(), containsString("Alertmanager URL"));
    }

    @Test
    void urlWithCredentialsIsRefusedWithoutEchoingThem() {
        FormValidation v = ConfigurationChecks.httpUrl("Prometheus URL", "https://ops:hunter2@prometheus.example.com");
        assertThat(v.kind, is(FormValidation.Kind.ERROR));
        assertThat(v.getMessage(), not(containsString("hunter2")));
        FormValidation unparsable = ConfigurationChecks.httpUrl("Prometheus URL", "https://ops:hunter 2@prometheus");
        assertThat(unparsable.kind, is(FormValidation.Kind.ERROR));
        assertThat(unparsable.getMessage(), not(containsString("hunter")));
    }

    @Test
    void datadogSiteIsKnownOrAtLeastAHostName() {
        assertThat(ConfigurationChecks.datadogSite("datadoghq.eu").kind, is(FormValidation.Kind.OK));
        assertThat(ConfigurationChecks.datadogSite("us9.datadoghq.com").kind, is(FormValidation.Kind.WARNING));
        FormValidation url = ConfigurationChecks.datadogSite("https://app.datadoghq.eu/");
        assertThat(url.kind, is(FormValidation.Kind.ERROR));
        assertThat(url.getMessage(), containsString("without https://"));
    }

    @Test
    void approversRejectEmptyEntries() {
        assertThat(ConfigurationChecks.approvers("alice, release-managers").kind, is(FormValidation.Kind.OK));
        FormValidation v = ConfigurationChecks.approvers("alice,,ops");
        assertThat(v.kind, is(FormValidation.Kind.ERROR));
        assertThat(v.getMessage(), containsString("entry 2 of 3"));
    }

    @Test
    void yamlErrorsNameLineColumnAndProblem() {
        String windows = """
            businessHours:
              days: Mon-Fri
             hours: 09:00-17:00
            """;
        FormValidation v = ConfigurationChecks.windows(windows);
        assertThat(v.kind, is(FormValidation.Kind.ERROR));
        assertThat(v.getMessage(), containsString("Default windows"));
        assertThat(v.getMessage(), containsString("line 3, column 2"));
        assertThat(v.getMessage(), containsString("while parsing a block mapping"));
        assertThat(v.getMessage(), not(containsString("<br>")));
    }

    @Test
    void yamlDuplicateKeysAndSecondDocumentsAreAllReported() {
        FormValidation v = ConfigurationChecks.windows("zone: UTC\nzone: Europe/Paris\n");
        assertThat(v.kind, is(FormValidation.Kind.ERROR));
        assertThat(v.getMessage(), containsString("line 2, column 1"));
        assertThat(v.getMessage(), containsString("duplicate key"));
        assertThat(
                ConfigurationChecks.windowsProblems("zone: UTC\n---\nzone: Europe/Paris\n"),
                contains(containsString("only one YAML document")));
    }

    @Test
    void windowsInTheShapeOfAFleetsWindowsSectionPass() {
        String windows = """
            business-hours:
              timezone: Europe/Paris
              days: [MON, TUE, WED, THU, FRI]
              hours: "09:00-17:00"
            """;
        assertThat(ConfigurationChecks.windows(windows).kind, is(FormValidation.Kind.OK));
    }

    @Test
    void wellFormedYamlThatIsNoWindowIsRefusedFieldByField() {
        String windows = """
            business-hours:
              zone: Europe/Paris
              days: [MON, FUNDAY]
              hours: "09:00-17:00"
            """;
        FormValidation v = ConfigurationChecks.windows(windows);
        assertThat(v.kind, is(FormValidation.Kind.ERROR));
        assertThat(v.getMessage(), containsString("Default windows, line 2"));
        assertThat(v.getMessage(), containsString("zone"));
        assertThat(v.getMessage(), containsString("timezone"));
        assertThat(v.getMessage(), containsString("FUNDAY"));
    }
}
