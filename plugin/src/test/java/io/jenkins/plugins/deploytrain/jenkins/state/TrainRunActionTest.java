package io.jenkins.plugins.deploytrain.jenkins.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.security.csrf.CrumbIssuer;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.jenkins.security.DeployTrainPermissions;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.GateResult;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import jakarta.servlet.ServletRequest;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void proceedWithASilenceRecordsItsDurationAndTheIntentToSilenceTheFailedGate() throws Exception {
        pauseByFailedGate();
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        attach(ApproverList.none());

        assertThat(approve(wc, "proceed", "1h").getStatusCode(), is(200));

        Train after = train();
        assertThat(after.approvals().get(0).action(), is(ApprovalAction.PROCEED));
        assertThat(after.approvals().get(0).silenceFor(), is(Duration.ofHours(1)));
        assertThat(after.approvals().get(0).by(), is("builder"));
        assertThat(after.target(TARGET).orElseThrow().status(), is(TargetStatus.SUCCEEDED));
        assertThat(after.silences().size(), is(1));
        assertThat(after.silences().get(0).gate(), is("error-rate"));
        assertThat(after.silences().get(0).target(), is(TARGET));
        // the ledger's JSON (the snapshot's form; the approval itself is a journal record until the next snapshot)
        assertThat(LedgerJson.toJson(JobLedgerStore.of(job).load().orElseThrow()), containsString("\"silenceFor\" : \"PT1H\""));
    }

    @Test
    void aSilenceThatIsNoDurationOrGoesWithAnotherActionIsABadRequestNamingFieldAndValue() throws Exception {
        pauseByFailedGate();
        JenkinsRule.WebClient wc = r.createWebClient().login("builder");
        attach(ApproverList.none());

        WebResponse notADuration = approve(wc, "proceed", "soon");
        WebResponse zero = approve(wc, "proceed", "0m");
        WebResponse withRetry = approve(wc, "retry", "1h");

        assertThat(notADuration.getStatusCode(), is(400));
        assertThat(
                notADuration.getContentAsString(),
                containsString("silence must be a positive duration like 30m, 2h or PT1H, not 'soon'"));
        assertThat(zero.getStatusCode(), is(400));
        assertThat(zero.getContentAsString(), containsString("not '0m'"));
        assertThat(withRetry.getStatusCode(), is(400));
        assertThat(withRetry.getContentAsString(), containsString("silence goes only with action proceed, not retry"));
        assertThat(train().approvals(), empty());
        assertThat(train().target(TARGET).orElseThrow().status(), is(TargetStatus.PAUSED));
    }

    @Test
    void viewModelCarriesTheLedgerTrainAndWhetherTheViewerMayApprove() throws Exception {
        attach(ApproverList.none());
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        WebResponse asReader = reader.goTo(build.getUrl() + "deploy-train/view", "application/json")
                .getWebResponse();
        JsonNode model = JSON.readTree(asReader.getContentAsString());
        assertThat(model.path("ledger-train").path("id").asText(), is(TRAIN));
        assertThat(model.path("ledger-train").path("targets").path(0).path("id").asText(), is(TARGET));
        assertThat(model.path("ledger-train").path("status").asText(), is("awaiting-approval"));
        assertThat(model.path("viewer").path("mayApprove").asBoolean(), is(false));
        assertThat(asReader.getResponseHeaderValue("Cache-Control"), is("no-cache"));
        // the engine's open question, asked with no build running: what the next build will accept
        assertThat(model.path("awaiting").path("target").asText(), is(TARGET));
        assertThat(
                model.path("awaiting").path("reason").asText(), containsString("approval required before deploying"));
        assertThat(model.path("awaiting").path("choices").toString(), is("[\"proceed\",\"skip\",\"abort\"]"));

        JenkinsRule.WebClient builder = r.createWebClient().login("builder");
        JsonNode asBuilder = JSON.readTree(builder.goTo(build.getUrl() + "deploy-train/view", "application/json")
                .getWebResponse()
                .getContentAsString());
        assertThat(asBuilder.path("viewer").path("mayApprove").asBoolean(), is(true));
    }

    @Test
    void unchangedViewModelIsNotModified() throws Exception {
        attach(ApproverList.none());
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        String etag = reader.goTo(build.getUrl() + "deploy-train/view", "application/json")
                .getWebResponse()
                .getResponseHeaderValue("ETag");
        WebRequest again = new WebRequest(URI.create(reader.getContextPath() + build.getUrl() + "deploy-train/view")
                .toURL());
        again.setAdditionalHeader("If-None-Match", etag);
        reader.setThrowExceptionOnFailingStatusCode(false);
        assertThat(reader.getPage(again).getWebResponse().getStatusCode(), is(304));

        JobLedgerStore.of(job)
                .update(
                        job.getFullName(),
                        l -> l.updateTrain(
                                TRAIN,
                                t -> t.withStatus(
                                        TrainStatus.PAUSED, "paused by hand", Instant.parse("2026-11-26T10:00:00Z"))));
        assertThat(reader.getPage(again).getWebResponse().getStatusCode(), is(200));
    }

    @Test
    void aPollThatNamesItsRevisionGetsOnlyTheTargetsChangedSinceAndAnUnchangedOneIsA304WithNoBody() throws Exception {
        TargetRecord second = awaitingApproval().targets().get(0);
        TargetRecord next = new TargetRecord(
                "eu-west-1b/zone-b",
                1,
                "eu-west-1b",
                "zone-b",
                "production",
                "aws",
                "eu-west-1",
                second.soakAfter(),
                Duration.ZERO,
                true,
                false,
                second.gates(),
                TargetStatus.PENDING,
                null,
                List.of(),
                List.of());
        JobLedgerStore.of(job)
                .update(job.getFullName(), l -> l.updateTrain(TRAIN, t -> new Train(
                        t.id(),
                        t.service(),
                        t.version(),
                        t.status(),
                        t.created(),
                        t.by(),
                        List.of(t.targets().get(0), next),
                        t.approvals(),
                        t.audit(),
                        t.finished(),
                        t.reason())));
        attach(ApproverList.none());
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);
        WebResponse first = reader.goTo(build.getUrl() + "deploy-train/view", "application/json")
                .getWebResponse();
        long revision = JSON.readTree(first.getContentAsString()).path("revision").asLong();
        String etag = first.getResponseHeaderValue("ETag");
        assertThat(revision, is(JobLedgerStore.of(job).load().orElseThrow().revision()));
        assertThat(etag, startsWith("\"" + revision + "-"));
        WebRequest since = new WebRequest(
                URI.create(reader.getContextPath() + build.getUrl() + "deploy-train/view?since=" + revision)
                        .toURL());
        since.setAdditionalHeader("If-None-Match", etag);
        WebResponse unchanged = reader.getPage(since).getWebResponse();
        assertThat(unchanged.getStatusCode(), is(304));
        assertThat(unchanged.getContentAsString(), is(""));

        pauseByFailedGate();
        WebResponse changed = reader.getPage(since).getWebResponse();
        assertThat(changed.getStatusCode(), is(200));
        JsonNode delta = JSON.readTree(changed.getContentAsString());
        assertThat(delta.path("revision").asLong(), is(revision + 1));
        assertThat(delta.path("delta").path("since").asLong(), is(revision));
        assertThat(delta.path("ledger-train").path("targets").size(), is(1));
        assertThat(delta.path("ledger-train").path("targets").path(0).path("id").asText(), is(TARGET));
        assertThat(delta.path("ledger-train").path("targets").path(0).path("status").asText(), is("paused"));
        assertThat(delta.path("awaiting").path("choices").toString(), containsString("proceed"));

        WebResponse refused = reader.getPage(new WebRequest(
                        URI.create(reader.getContextPath() + build.getUrl() + "deploy-train/view?since=yesterday")
                                .toURL()))
                .getWebResponse();
        assertThat(refused.getStatusCode(), is(400));
        assertThat(refused.getContentAsString(), containsString("not 'yesterday'"));
    }

    @Test
    void viewModelNeedsReadPermission() throws Exception {
        attach(ApproverList.none());
        JenkinsRule.WebClient stranger = r.createWebClient().login("stranger");
        stranger.assertFails(build.getUrl() + "deploy-train/view", 404);
    }

    @Test
    void viewSendsJsonApprovalsWithTheCrumbHeader() throws Exception {
        attach(ApproverList.none());
        JenkinsRule.WebClient builder = r.createWebClient().login("builder");
        String body = "{\"train\":\"" + TRAIN + "\",\"target\":\"" + TARGET
                + "\",\"action\":\"proceed\",\"reason\":\"from the view\"}";

        assertThat(approveJson(builder, body, false).getStatusCode(), is(403));
        assertThat(train().approvals(), empty());

        assertThat(approveJson(builder, body, true).getStatusCode(), is(204));
        assertThat(train().approvals().get(0).by(), is("builder"));
        assertThat(train().approvals().get(0).reason(), is("from the view"));
    }

    @Test
    void jsonApprovalForAnotherTrainOrWithoutPermissionIsRefused() throws Exception {
        attach(ApproverList.none());
        JenkinsRule.WebClient builder = r.createWebClient().login("builder");
        WebResponse other = approveJson(builder, "{\"train\":\"other\",\"action\":\"abort\"}", true);
        assertThat(other.getStatusCode(), is(400));
        assertThat(other.getContentAsString(), containsString(TRAIN));
        assertThat(approveJson(builder, "not json", true).getStatusCode(), is(400));

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        String abort = "{\"train\":\"" + TRAIN + "\",\"action\":\"abort\"}";
        assertThat(approveJson(reader, abort, true).getStatusCode(), is(403));
        assertThat(train().status(), is(TrainStatus.AWAITING_APPROVAL));
    }

    @Test
    void assetsComeFromTheEngineAllowListOnly() throws Exception {
        attach(ApproverList.none());
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        WebResponse script = reader.goTo(build.getUrl() + "deploy-train/assets/train-view.js", null)
                .getWebResponse();
        assertThat(script.getContentType(), containsString("javascript"));
        assertThat(script.getContentAsString(), containsString("data-deploy-train"));
        reader.assertFails(build.getUrl() + "deploy-train/assets/UiAssets.class", 404);
        reader.assertFails(build.getUrl() + "deploy-train/assets/ledger.schema.json", 404);
    }

    @Test
    void pageMountsTheViewAndOffersApprovalToApproversOnly() throws Exception {
        attach(ApproverList.none());
        String asReader = page("reader");
        assertThat(asReader, containsString("data-deploy-train"));
        assertThat(asReader, containsString("deploy-train/view"));
        assertThat(asReader, containsString(TARGET));
        assertThat(asReader, not(containsString("deploy-train/approvals")));
        assertThat(asReader, not(containsString("Proceed")));

        String asBuilder = page("builder");
        assertThat(asBuilder, containsString("deploy-train/approvals"));
        assertThat(asBuilder, containsString("data-crumb-value"));
        assertThat(asBuilder, containsString("Proceed"));
    }

    @Test
    void jobListsItsTrainsNewestFirstToReaders() throws Exception {
        Train next = new Train(
                "checkout-2.4.2-20261127",
                "checkout",
                "2.4.2",
                TrainStatus.QUEUED,
                Instant.parse("2026-11-27T09:00:00Z"),
                "deploy-bot",
                List.of(),
                List.of(),
                List.of(),
                null,
                "waits for " + TRAIN);
        JobLedgerStore.of(job).update(job.getFullName(), l -> l.withTrain(next));

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        JsonNode history = JSON.readTree(reader.goTo(job.getUrl() + "deploy-trains/history", "application/json")
                .getWebResponse()
                .getContentAsString());
        assertThat(history.size(), is(2));
        assertThat(history.path(0).path("id").asText(), is("checkout-2.4.2-20261127"));
        assertThat(history.path(1).path("id").asText(), is(TRAIN));
        assertThat(reader.goTo(job.getUrl() + "deploy-trains/").asNormalizedText(), containsString("2.4.2"));

        r.createWebClient().login("stranger").assertFails(job.getUrl() + "deploy-trains/history", 404);
        assertThat(r.createFreeStyleProject("no-trains").getAction(JobTrainsAction.class), is((Object) null));
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

    private String page(String user) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login(user);
        wc.getOptions().setJavaScriptEnabled(false);
        return wc.goTo(build.getUrl() + "deploy-train/").getWebResponse().getContentAsString();
    }

    /** As the train view posts: a JSON body and the crumb as a request header. */
    private WebResponse approveJson(JenkinsRule.WebClient wc, String body, boolean withCrumb) throws Exception {
        wc.setThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(
                URI.create(wc.getContextPath() + build.getUrl() + "deploy-train/approvals")
                        .toURL(),
                HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        request.setRequestBody(body);
        if (withCrumb) {
            CrumbIssuer issuer = r.jenkins.getCrumbIssuer();
            request.setAdditionalHeader(
                    issuer.getDescriptor().getCrumbRequestField(), issuer.getCrumb((ServletRequest) null));
        }
        return wc.getPage(request).getWebResponse();
    }

    /** The target deployed, then its gate failed: the train waits with proceed (and a silence) among the choices. */
    private void pauseByFailedGate() {
        Instant deployed = Instant.parse("2026-11-26T09:30:00Z");
        JobLedgerStore.of(job)
                .update(
                        job.getFullName(),
                        l -> l.updateTrain(
                                TRAIN,
                                t -> t.withTarget(
                                                TARGET,
                                                x -> x.approved()
                                                        .withAttempt(Attempt.intent(1, deployed, "builder")
                                                                .ended(
                                                                        deployed.plusSeconds(60),
                                                                        AttemptOutcome.SUCCEEDED,
                                                                        null))
                                                        .withGateResult(new GateResult(
                                                                "error-rate",
                                                                1,
                                                                false,
                                                                "5xx ratio 2.30% (>= 1%) over 5m",
                                                                deployed.plusSeconds(900)))
                                                        .withStatus(TargetStatus.PAUSED))
                                        .withStatus(
                                                TrainStatus.AWAITING_APPROVAL,
                                                "gate error-rate failed on " + TARGET,
                                                deployed.plusSeconds(900))));
    }

    /** The build page's form POST with a silence duration. */
    private WebResponse approve(JenkinsRule.WebClient wc, String action, String silence) throws Exception {
        wc.setThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setJavaScriptEnabled(false);
        WebRequest request = new WebRequest(
                URI.create(wc.getContextPath() + build.getUrl() + "deploy-train/approve")
                        .toURL(),
                HttpMethod.POST);
        request.setRequestParameters(List.of(
                new NameValuePair("action", action),
                new NameValuePair("target", TARGET),
                new NameValuePair("silence", silence)));
        wc.addCrumb(request);
        return wc.getPage(request).getWebResponse();
    }

    private WebResponse approve(JenkinsRule.WebClient wc, String action, boolean withCrumb) throws Exception {
        wc.setThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setJavaScriptEnabled(false);
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
