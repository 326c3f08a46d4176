package io.jenkins.plugins.deploytrain.jenkins.config;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.jenkins.slackplugin.SlackConnectionTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for every train: where to notify, which monitors to ask, who may approve and
 * when trains may run. Only configuration lives here (it is CasC-managed and rarely changes); the
 * trains' runtime state lives in each job's ledger, so a CasC re-apply can never lose a train.
 * Secrets are held as credential ids and resolved when a build needs them.
 */
@Extension
// not the step's name: "deployTrain" in a CasC file would read as the step, and a symbol is one namespace
@Symbol("deployTrainSettings")
public class DeployTrainGlobalConfiguration extends GlobalConfiguration {

    static final String DEFAULT_DATADOG_SITE = "datadoghq.com";

    private String slackChannel;
    private String slackCredentialsId;
    private String slackApiUrl;
    private String slackUsers;
    private String prometheusUrl;
    private String alertmanagerUrl;
    private String datadogSite = DEFAULT_DATADOG_SITE;
    private String datadogApiKeyCredentialsId;
    private String datadogApplicationKeyCredentialsId;
    private String pushgatewayUrl;
    private boolean publishDatadogEvents;
    private String approvers;
    private String defaultWindows;

    public DeployTrainGlobalConfiguration() {
        load();
    }

    public static DeployTrainGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(DeployTrainGlobalConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.DeployTrainGlobalConfiguration_displayName();
    }

    /**
     * Checks every field of the form before binding any: a bad value is a {@link FormException} naming its field, and
     * nothing of the form is applied (the setters would refuse it too, but only after the fields before it had been
     * set). One save for the whole form instead of one per setter.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        for (FormField field : FormField.values()) {
            List<String> problems = field.problems(json.optString(field.name, ""));
            if (!problems.isEmpty()) {
                throw new FormException(String.join("\n", problems), field.name);
            }
        }
        try (BulkChange bc = new BulkChange(this)) {
            req.bindJSON(this, json);
            bc.commit();
        } catch (IOException e) {
            // saving failed, no field is to blame
            throw new FormException(Messages.DeployTrainGlobalConfiguration_notSaved(e.getMessage()), e, null);
        }
        return true;
    }

    /** The fields whose setters refuse a bad value, with the check each runs (the same the setter runs). */
    enum FormField {
        SLACK_USERS("slackUsers") {
            @Override
            List<String> problems(String value) {
                return refused(() -> SlackUsers.parse(value));
            }
        },
        APPROVERS("approvers") {
            @Override
            List<String> problems(String value) {
                return refused(() -> ApproverList.parse(value));
            }
        },
        DEFAULT_WINDOWS("defaultWindows") {
            @Override
            List<String> problems(String value) {
                return ConfigurationChecks.windowsProblems(value);
            }
        };

        final String name;

        FormField(String name) {
            this.name = name;
        }

        abstract List<String> problems(String value);

        private static List<String> refused(Runnable parse) {
            try {
                parse.run();
                return List.of();
            } catch (IllegalArgumentException e) {
                return List.of(e.getMessage());
            }
        }
    }

    @CheckForNull
    public String getSlackChannel() {
        return slackChannel;
    }

    @DataBoundSetter
    public void setSlackChannel(String slackChannel) {
        this.slackChannel = Util.fixEmptyAndTrim(slackChannel);
        save();
    }

    @CheckForNull
    public String getSlackCredentialsId() {
        return slackCredentialsId;
    }

    @DataBoundSetter
    public void setSlackCredentialsId(String slackCredentialsId) {
        this.slackCredentialsId = Util.fixEmptyAndTrim(slackCredentialsId);
        save();
    }

    /** The Slack Web API base; null means Slack's own ({@code https://slack.com/api}). */
    @CheckForNull
    public String getSlackApiUrl() {
        return slackApiUrl;
    }

    @DataBoundSetter
    public void setSlackApiUrl(String slackApiUrl) {
        this.slackApiUrl = Util.fixEmptyAndTrim(slackApiUrl);
        save();
    }

    /** Slack user ids mapped to Jenkins user ids ({@code U061F7AUR=alice}), for approvals given as thread replies. */
    @CheckForNull
    public String getSlackUsers() {
        return slackUsers;
    }

    /** @throws IllegalArgumentException naming every bad entry, so CasC and the form reject the value */
    @DataBoundSetter
    public void setSlackUsers(String slackUsers) {
        SlackUsers.parse(slackUsers);
        this.slackUsers = Util.fixEmptyAndTrim(slackUsers);
        save();
    }

    /** Slack user id to Jenkins user id. */
    @NonNull
    public Map<String, String> getSlackUserMap() {
        return SlackUsers.parse(slackUsers);
    }

    /** Issue 18: which Slack settings are in effect, ours or the Slack plugin's, for the configuration page. */
    @NonNull
    public String getSlackInEffect() {
        return SlackConnectionTest.inEffect(slackChannel, slackCredentialsId, slackApiUrl);
    }

    /** Issue 18: "Test connection" with the fields as typed: the token, the channel's history, the e-mail lookup. */
    @POST
    public FormValidation doTestSlackConnection(
            @QueryParameter String slackChannel,
            @QueryParameter String slackCredentialsId,
            @QueryParameter String slackApiUrl) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return SlackConnectionTest.test(
                Util.fixEmptyAndTrim(slackChannel),
                Util.fixEmptyAndTrim(slackCredentialsId),
                Util.fixEmptyAndTrim(slackApiUrl));
    }

    @CheckForNull
    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    @DataBoundSetter
    public void setPrometheusUrl(String prometheusUrl) {
        this.prometheusUrl = Util.fixEmptyAndTrim(prometheusUrl);
        save();
    }

    @CheckForNull
    public String getAlertmanagerUrl() {
        return alertmanagerUrl;
    }

    @DataBoundSetter
    public void setAlertmanagerUrl(String alertmanagerUrl) {
        this.alertmanagerUrl = Util.fixEmptyAndTrim(alertmanagerUrl);
        save();
    }

    @NonNull
    public String getDatadogSite() {
        return datadogSite == null ? DEFAULT_DATADOG_SITE : datadogSite;
    }

    @DataBoundSetter
    public void setDatadogSite(String datadogSite) {
        this.datadogSite = Util.fixEmptyAndTrim(datadogSite);
        save();
    }

    @CheckForNull
    public String getDatadogApiKeyCredentialsId() {
        return datadogApiKeyCredentialsId;
    }

    @DataBoundSetter
    public void setDatadogApiKeyCredentialsId(String datadogApiKeyCredentialsId) {
        this.datadogApiKeyCredentialsId = Util.fixEmptyAndTrim(datadogApiKeyCredentialsId);
        save();
    }

    @CheckForNull
    public String getDatadogApplicationKeyCredentialsId() {
        return datadogApplicationKeyCredentialsId;
    }

    @DataBoundSetter
    public void setDatadogApplicationKeyCredentialsId(String datadogApplicationKeyCredentialsId) {
        this.datadogApplicationKeyCredentialsId = Util.fixEmptyAndTrim(datadogApplicationKeyCredentialsId);
        save();
    }

    /** Issue 17: the Prometheus Pushgateway each train's job pushes its ledger's metrics to; null for none. */
    @CheckForNull
    public String getPushgatewayUrl() {
        return pushgatewayUrl;
    }

    @DataBoundSetter
    public void setPushgatewayUrl(String pushgatewayUrl) {
        this.pushgatewayUrl = Util.fixEmptyAndTrim(pushgatewayUrl);
        save();
    }

    /** Issue 17: whether trains publish their events to Datadog, with the Datadog site and keys of the gates. */
    public boolean isPublishDatadogEvents() {
        return publishDatadogEvents;
    }

    @DataBoundSetter
    public void setPublishDatadogEvents(boolean publishDatadogEvents) {
        this.publishDatadogEvents = publishDatadogEvents;
        save();
    }

    /**
     * Comma-separated user ids and group names allowed to approve, on top of the Approve permission,
     * for trains that do not name their own approvers. Empty means the permission alone decides.
     */
    @CheckForNull
    public String getApprovers() {
        return approvers;
    }

    /** @throws IllegalArgumentException naming the empty entry, so CasC and the form reject the value */
    @DataBoundSetter
    public void setApprovers(String approvers) {
        this.approvers = Util.fixEmptyAndTrim(ApproverList.parse(approvers).toString());
        save();
    }

    /** The approver policy for trains that do not configure their own. */
    @NonNull
    public ApproverList getApproverList() {
        return ApproverList.parse(approvers);
    }

    /** Deploy windows (YAML, the shape of a fleet's {@code windows:} section) for trains without {@code allowed:}. */
    @CheckForNull
    public String getDefaultWindows() {
        return defaultWindows;
    }

    /**
     * Applied to every train without {@code allowed:} of its own (see the engine's {@code DefaultWindows}).
     *
     * @throws IllegalArgumentException listing every problem, so CasC and the form reject the value
     */
    @DataBoundSetter
    public void setDefaultWindows(String defaultWindows) {
        List<String> problems = ConfigurationChecks.windowsProblems(defaultWindows);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        this.defaultWindows = Util.fixEmptyAndTrim(defaultWindows);
        save();
    }

    @POST
    public FormValidation doCheckSlackChannel(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationChecks.slackChannel(value);
    }

    @POST
    public FormValidation doCheckSlackApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationChecks.httpUrl(Messages.DeployTrainGlobalConfiguration_slackApiUrl(), value);
    }

    @POST
    public FormValidation doCheckSlackUsers(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            SlackUsers.parse(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckPrometheusUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationChecks.httpUrl("Prometheus URL", value);
    }

    @POST
    public FormValidation doCheckAlertmanagerUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationChecks.httpUrl("Alertmanager URL", value);
    }

    @POST
    public FormValidation doCheckPushgatewayUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationChecks.httpUrl(Messages.DeployTrainGlobalConfiguration_pushgatewayUrl(), value);
    }

    @POST
    public FormValidation doCheckDatadogSite(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationChecks.datadogSite(value);
    }

    @POST
    public FormValidation doCheckApprovers(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationChecks.approvers(value);
    }

    @POST
    public FormValidation doCheckDefaultWindows(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConfigurationChecks.windows(value);
    }

    @POST
    public FormValidation doCheckSlackCredentialsId(@QueryParameter String value) {
        return checkSecretTextId(value);
    }

    @POST
    public FormValidation doCheckDatadogApiKeyCredentialsId(@QueryParameter String value) {
        return checkSecretTextId(value);
    }

    @POST
    public FormValidation doCheckDatadogApplicationKeyCredentialsId(@QueryParameter String value) {
        return checkSecretTextId(value);
    }

    @POST
    public ListBoxModel doFillSlackCredentialsIdItems(@QueryParameter String slackCredentialsId) {
        return secretTextItems(slackCredentialsId);
    }

    @POST
    public ListBoxModel doFillDatadogApiKeyCredentialsIdItems(@QueryParameter String datadogApiKeyCredentialsId) {
        return secretTextItems(datadogApiKeyCredentialsId);
    }

    @POST
    public ListBoxModel doFillDatadogApplicationKeyCredentialsIdItems(
            @QueryParameter String datadogApplicationKeyCredentialsId) {
        return secretTextItems(datadogApplicationKeyCredentialsId);
    }

    /**
     * Lists global Secret text credentials for administrators only: the ids are configuration that a
     * reader of this page has no business enumerating.
     */
    private static ListBoxModel secretTextItems(String current) {
        StandardListBoxModel items = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            items.includeCurrentValue(Util.fixNull(current));
            return items;
        }
        items.includeEmptyValue()
                .includeAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of())
                .includeCurrentValue(Util.fixNull(current));
        return items;
    }

    private static FormValidation checkSecretTextId(String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.ok();
        }
        StringCredentials found = CredentialsProvider.findCredentialByIdInItemGroup(
                id, StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
        return found != null
                ? FormValidation.ok()
                : FormValidation.warning(Messages.DeployTrainGlobalConfiguration_noSecretText(id));
    }
}
