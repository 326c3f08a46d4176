package io.jenkins.plugins.deploytrain.jenkins.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The checks behind the global configuration form, as pure functions of the typed value so that they
 * are tested without a running controller. An empty value is always fine: every field is optional.
 */
final class ConfigurationChecks {

    private static final Pattern SLACK_CHANNEL_NAME = Pattern.compile("#[a-z0-9][a-z0-9._-]{0,79}");
    private static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
    private static final Pattern HOST_NAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    /** The Datadog sites documented at docs.datadoghq.com/getting_started/site. */
    static final Set<String> DATADOG_SITES = Set.of(
            "datadoghq.com",
            "us3.datadoghq.com",
            "us5.datadoghq.com",
            "datadoghq.eu",
            "ap1.datadoghq.com",
            "ap2.datadoghq.com",
            "ddog-gov.com");

    private static final YAMLMapper YAML = new YAMLMapper();

    private ConfigurationChecks() {}

    static FormValidation slackChannel(String value) {
        String channel = Util.fixEmptyAndTrim(value);
        if (channel == null
                || SLACK_CHANNEL_NAME.matcher(channel).matches()
                || SLACK_CHANNEL_ID.matcher(channel).matches()) {
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.ConfigurationChecks_badSlackChannel(channel));
    }

    /**
     * Accepts an absolute http(s) URL. A URL carrying user info is refused without echoing it, since
     * the part before the {@code @} is a password more often than not.
     */
    static FormValidation httpUrl(String field, String value) {
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return FormValidation.ok();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            if (url.contains("@")) {
                return FormValidation.error(Messages.ConfigurationChecks_urlWithUserInfo(field));
            }
            return FormValidation.error(Messages.ConfigurationChecks_badUrl(field, url, e.getReason()));
        }
        if (uri.getRawUserInfo() != null) {
            return FormValidation.error(Messages.ConfigurationChecks_urlWithUserInfo(field));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return FormValidation.error(Messages.ConfigurationChecks_notHttp(field, url));
        }
        if (uri.getHost() == null) {
            return FormValidation.error(Messages.ConfigurationChecks_noHost(field, url));
        }
        return FormValidation.ok();
    }

    static FormValidation datadogSite(String value) {
        String site = Util.fixEmptyAndTrim(value);
        if (site == null || DATADOG_SITES.contains(site)) {
            return FormValidation.ok();
        }
        if (HOST_NAME.matcher(site).matches()) {
            return FormValidation.warning(Messages.ConfigurationChecks_unknownDatadogSite(site));
        }
        return FormValidation.error(Messages.ConfigurationChecks_badDatadogSite(site));
    }

    static FormValidation approvers(String value) {
        try {
            ApproverList.parse(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** Reports where the YAML breaks (line and column, 1-based) and what the parser expected there. */
    static FormValidation yaml(String field, String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            YAML.readTree(text);
            return FormValidation.ok();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String problem = problemOf(e);
            if (at == null) {
                return FormValidation.error(Messages.ConfigurationChecks_badYaml(field, problem));
            }
            return FormValidation.error(
                    Messages.ConfigurationChecks_badYamlAt(field, at.getLineNr(), at.getColumnNr(), problem));
        }
    }

    /**
     * SnakeYAML's own message repeats the text with carets over several lines; a form shows one line,
     * so keep its problem and context phrases only.
     */
    private static String problemOf(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            return marked.getContext() == null
                    ? marked.getProblem()
                    : marked.getProblem() + " (" + marked.getContext() + ")";
        }
        return e.getOriginalMessage();
    }
}
