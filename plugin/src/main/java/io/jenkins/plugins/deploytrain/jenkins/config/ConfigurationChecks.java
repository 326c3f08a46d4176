package io.jenkins.plugins.deploytrain.jenkins.config;

import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.plan.DefaultWindows;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks behind the global configuration form, as pure functions of the typed value so that they
 * are tested without a running controller. An empty value is always fine: every field is optional.
 */
final class ConfigurationChecks {

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

    private ConfigurationChecks() {}

    static FormValidation slackChannel(String value) {
        String channel = Util.fixEmptyAndTrim(value);
        if (channel == null || SlackSettings.isChannel(channel)) {
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

    /**
     * Reads the default windows as a train would use them (the engine's {@link DefaultWindows}, with the YAML
     * reader trains are loaded with: duplicate keys, several documents and alias bombs are refused, then each
     * window's timezone, days and hours are checked), and lists every problem with its line and column.
     */
    static FormValidation windows(String value) {
        List<String> problems = windowsProblems(value);
        return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("\n", problems));
    }

    static List<String> windowsProblems(String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return List.of();
        }
        String field = Messages.DeployTrainGlobalConfiguration_defaultWindows();
        try {
            DefaultWindowsSetting.parse(text);
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream()
                    .map(problem -> describe(field, problem))
                    .toList();
        }
    }

    private static String describe(String field, ConfigProblem problem) {
        String what = problem.field() == null || problem.field().isEmpty()
                ? problem.message()
                : problem.field() + ": " + problem.message();
        return problem.location().known()
                ? Messages.ConfigurationChecks_badYamlAt(field, problem.line(), problem.column(), what)
                : Messages.ConfigurationChecks_badYaml(field, what);
    }
}
