package io.jenkins.plugins.deploytrain.jenkins.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.jenkins.security.DeployTrainPermissions;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class TrainRunActionTest {

    private static final String TRAIN = "checkout-2.4.1-20261126";
    private static final String TARGET = "eu-west-1a/zone-a";

    private JenkinsRule r;
    private FreeStyleProject job;
    private FreeStyleBuild build;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        JenkinsRule.DummySecurityRealm realm = r.createDummySecurityRealm();
        realm.addGroups("carol", "release-managers");
        r.jenkins.setSecurityRealm(realm);
        job = r.createFreeStyleProject("checkout-train");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader", "builder", "approver", "carol")
                .grant(Item.BUILD)
                .onItems(job)
                .to("builder", "carol")
                .grant(DeployTrainPermissions.APPROVE)
                .onItems(job)
                .to("approver")
                .grant(Jenkins.READ)
                .everywhere()
                .to("stranger")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        build = r.buildAndAssertSuccess(job);
        JobLedgerStore.of(job).update(job.getFullName(), ledger -> ledger.withTrain(awaitingApproval()));
    }

    @Test
    void readerIsForbiddenToApprove() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("reader");
        attach(ApproverList.none());
        assertThat(approve(wc, "proceed", true).getStatusCode(), is(403));
        assertThat(train().approvals(), empty());
    }

    @Test
    void buildPermissionImpliesApproveAndTheAuditNamesTheUser() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        attach(ApproverList.none());
        assertThat(approve(wc, "proceed", true).getStatusCode(), is(200));

        Train after = train();
        assertThat(after.status(), is(TrainStatus.RUNNING));
        assertThat(after.target(TARGET).orElseThrow().status(), is(TargetStatus.PENDING));
        assertThat(after.approvals().get(0).by(), is("builder"));
        assertThat(after.approvals().get(0).action(), is(ApprovalAction.PROCEED));
        AuditEntry last = after.audit().get(after.audit().size() - 1);
        assertThat(last.who(), is("builder"));
        assertThat(last.target(), is(TARGET));
        assertThat(last.why(), is("canary is green"));
    }

    @Test
    void approvePermissionAloneIsEnough() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("approver");
        attach(ApproverList.none());
        assertThat(approve(wc, "proceed", true).getStatusCode(), is(200));
        assertThat(train().approvals().get(0).by(), is("approver"));
    }

    @Test
    void crumbIsRequired() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        attach(ApproverList.none());
        assertThat(approve(wc, "proceed", false).getStatusCode(), is(403));
        assertThat(train().approvals(), empty());
    }

    @Test
    void getIsNotAnApproval() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        attach(ApproverList.none());
        wc.assertFails(build.getUrl() + "deploy-train/approve?action=proceed&target=" + TARGET, 405);
        assertThat(train().approvals(), empty());
    }

    @Test
    void approverListKeepsOutUnlistedBuilders() throws Exception {
        attach(ApproverList.parse("release-managers"));
        JenkinsRule.WebClient builder = r.createWebClient().login("builder");
        assertThat(approve(builder, "proceed", true).getStatusCode(), is(403));
        assertThat(train().approvals(), empty());

        JenkinsRule.WebClient carol = r.createWebClient().login("carol");
        assertThat(approve(carol, "proceed", true).getStatusCode(), is(200));
        assertThat(train().approvals().get(0).by(), is("carol"));
    }

    @Test
    void administratorIsNeverLockedOutByAList() throws Exception {
        attach(ApproverList.parse("release-managers"));
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        assertThat(approve(admin, "proceed", true).getStatusCode(), is(200));
        assertThat(train().approvals().get(0).by(), is("admin"));
    }

    @Test
    void unknownActionIsABadRequestNamingTheChoices() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        attach(ApproverList.none());
        WebResponse answer = approve(wc, "ship-it", true);
        assertThat(answer.getStatusCode(), is(400));
        assertThat(answer.getContentAsString(), containsString("ship-it"));
        assertThat(answer.getContentAsString(), containsString("proceed"));
    }

    @Test
    void approvalThatDoesNotFitTheTrainIsAConflict() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        attach(ApproverList.none());
        WebResponse answer = approve(wc, "retry", true);
        assertThat(answer.getStatusCode(), is(409));
        assertThat(answer.getContentAsString(), containsString(TARGET));
        assertThat(train().approvals(), empty());
    }

    @Test
    void stateIsTheTrainAsJsonForReaders() throws Exception {
        attach(ApproverList.none());
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        Page page = reader.goTo(build.getUrl() + "deploy-train/state", "application/json");
        String json = page.getWebResponse().getContentAsString();
        assertThat(json, containsString("\"id\":\"" + TRAIN + "\""));
        assertThat(json, containsString(TARGET));
        assertThat(json, containsString("awaiting-approval"));

        JenkinsRule.WebClient stranger = r.createWebClient().login("stranger");
        stranger.assertFails(build.getUrl() + "deploy-train/state", 404);
    }

    @Test
    void pageOffersButtonsToApproversOnly() throws Exception {
        attach(ApproverList.none());
        String asReader = r.createWebClient()
                .login("reader")
                .goTo(build.getUrl() + "deploy-train/")
                .asNormalizedText();
        assertThat(asReader, containsString(TARGET));
        assertThat(asReader, not(containsString("Proceed")));
        String asBuilder = r.createWebClient()
                .login("builder")
                .goTo(build.getUrl() + "deploy-train/")
                .asNormalizedText();
        assertThat(asBuilder, containsString("Proceed"));
    }

    @Test
    void actionKeepsTrainIdAndApproversAcrossReload() throws Exception {
        attach(ApproverList.parse("alice, release-managers"));
        build.reload();
        TrainRunAction reloaded = build.getAction(TrainRunAction.class);
        assertThat(reloaded.getTrainId(), is(TRAIN));
        assertThat(reloaded.getApproverList().names(), contains("alice", "release-managers"));
        assertThat(reloaded.getRun(), is(build));
    }

    @Test
    void ledgerLivesInTheJobFolderAndFollowsARename() throws Exception {
        assertThat(Files.exists(JobLedgerStore.fileOf(job)), is(true));
        job.renameTo("checkout-train-2");
        assertThat(JobLedgerStore.fileOf(job).startsWith(job.getRootDir().toPath()), is(true));
        Ledger moved = JobLedgerStore.of(job).load().orElseThrow();
        assertThat(moved.train(TRAIN).isPresent(), is(true));
        assertThat(moved.job(), is("checkout-train-2"));
    }

    @Test
    void deletedJobGetsNoLedgerFolderBack() throws Exception {
        JobLedgerStore store = JobLedgerStore.of(job);
        Ledger current = store.load().orElseThrow();
        job.delete();
        assertThrows(LedgerException.class, () -> store.compareAndSet(current.revision(), current));
        assertThat(Files.exists(JobLedgerStore.folderOf(job)), is(false));
    }

    private void attach(ApproverList approvers) throws Exception {
        build.addAction(new TrainRunAction(TRAIN, approvers));
        build.save();
    }

    private WebResponse approve(JenkinsRule.WebClient wc, String action, boolean withCrumb) throws Exception {
        wc.setThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(
                URI.create(wc.getContextPath() + build.getUrl() + "deploy-train/approve")
                        .toURL(),
                HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        parameters.add(new NameValuePair("action", action));
        parameters.add(new NameValuePair("target", TARGET));
        parameters.add(new NameValuePair("reason", "canary is green"));
        request.setRequestParameters(parameters);
        if (withCrumb) {
            wc.addCrumb(request);
        }
        return wc.getPage(request).getWebResponse();
    }

    private Train train() {
        return JobLedgerStore.of(job).load().orElseThrow().train(TRAIN).orElseThrow();
    }

    private static Train awaitingApproval() {
        Instant created = Instant.parse("2026-11-26T09:00:00Z");
        TargetRecord primary = new TargetRecord(
                TARGET,
                0,
                "eu-west-1a",
                "zone-a",
                "primary",
                "aws",
                "eu-west-1",
                Duration.ofMinutes(30),
                Duration.ofHours(4),
                false,
                true,
                List.of("error-rate"),
                TargetStatus.AWAITING_APPROVAL,
                null,
                List.of(),
                List.of());
        return new Train(
                TRAIN,
                "checkout",
                "2.4.1",
                TrainStatus.AWAITING_APPROVAL,
                created,
                "deploy-bot",
                List.of(primary),
                List.of(),
                List.of(),
                null,
                "approval required before " + TARGET);
    }
}
