package io.jenkins.plugins.deploytrain.jenkins.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.approval.SilenceRequest;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.fleet.HeldAhead;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverCheck;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.jenkins.steps.BuildWorkers;
import io.jenkins.plugins.deploytrain.jenkins.steps.DeployTrainStepExecution;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.Approvals;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.ui.OpenQuestion;
import io.jenkins.plugins.deploytrain.ui.UiAssets;
import io.jenkins.plugins.deploytrain.ui.ViewModel;
import io.jenkins.plugins.deploytrain.ui.ViewPoll;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;

/**
 * The train a build runs, on the build page: the engine's train view (its static files and the view
 * model it polls) and the approval endpoints. Only the train id (and who may approve) is kept in
 * {@code build.xml}; the state itself is read from the job's ledger on every request, so the page is
 * right after a restart and while another build of the job continues the same train.
 */
public class TrainRunAction implements RunAction2 {

    private final String trainId;
    /** Comma-separated, as written in the train; null when the train leaves it to the global default. */
    @CheckForNull
    private final String approvers;

    /**
     * The page's URL in the build: {@code deploy-train} for a build's first train, {@code deploy-train-2} and on for
     * further trains of the same build, so each train has its own page. Null in builds of older versions.
     */
    @CheckForNull
    private final String urlName;

    private transient Run<?, ?> run;

    public TrainRunAction(@NonNull String trainId, @CheckForNull ApproverList approvers) {
        this(trainId, approvers, null);
    }

    private TrainRunAction(@NonNull String trainId, @CheckForNull ApproverList approvers, @CheckForNull String urlName) {
        this.trainId = trainId;
        this.approvers = approvers == null || !approvers.restricts() ? null : approvers.toString();
        this.urlName = urlName;
    }

    /**
     * The page of {@code trainId} in {@code run}: the one the build has for it (a train resumed in the same build),
     * else a new page beside those of the build's other trains, saved with the build.
     */
    public static TrainRunAction attach(Run<?, ?> run, String trainId, @CheckForNull ApproverList approvers)
            throws IOException {
        TrainRunAction action;
        synchronized (TrainRunAction.class) {
            Optional<TrainRunAction> existing = of(run, trainId);
            if (existing.isPresent()) {
                return existing.get();
            }
            int others = run.getActions(TrainRunAction.class).size();
            action = new TrainRunAction(trainId, approvers, others == 0 ? null : "deploy-train-" + (others + 1));
            run.addAction(action);
        }
        run.save();
        return action;
    }

    /** The page of {@code trainId} in {@code run}, if the build runs that train. */
    public static Optional<TrainRunAction> of(Run<?, ?> run, String trainId) {
        return run.getActions(TrainRunAction.class).stream()
                .filter(a -> a.trainId.equals(trainId))
                .findFirst();
    }

    @NonNull
    public String getTrainId() {
        return trainId;
    }

    /** The approvers named by the train, or else the controller's default list. */
    @NonNull
    public ApproverList getApproverList() {
        return approvers != null
                ? ApproverList.parse(approvers)
                : DeployTrainGlobalConfiguration.get().getApproverList();
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-environment";
    }

    @Override
    public String getDisplayName() {
        // a build's further trains name themselves in the side panel, so each link says which train it opens
        return urlName == null
                ? Messages.TrainRunAction_displayName()
                : Messages.TrainRunAction_displayName() + " " + trainId;
    }

    @Override
    public String getUrlName() {
        return urlName == null ? "deploy-train" : urlName;
    }

    /** For the page: the train as the ledger has it now, or null when the ledger does not have it (yet). */
    @CheckForNull
    public Train getTrain() {
        return findTrain().orElse(null);
    }

    /**
     * For the page: the fleet leases other jobs' trains hold on environments this train has still to deploy (it
     * waits, or will wait, behind them), while the build runs.
     */
    public List<HeldAhead> getHeldAhead() {
        return HeldAhead.of(run, getTrain());
    }

    /** For the page: whether to offer the approval buttons. */
    public boolean isApprover() {
        return ApproverCheck.mayApprove(job(), getApproverList());
    }

    /**
     * {@code GET .../deploy-train/view}: the view model the train view polls, with the ETag of the ledger revision
     * so that an unchanged train costs a 304, and with {@code ?since=REVISION} only the targets changed since the
     * page's revision (the engine's ViewPoll decides; docs/ui.md).
     */
    @GET
    public HttpResponse doView(StaplerRequest2 req) {
        run.checkPermission(Item.READ);
        Ledger ledger;
        try {
            ledger = JobLedgerStore.of(job()).load().orElse(null);
        } catch (LedgerException e) {
            return DirectResponse.error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage());
        }
        Train train = ledger == null ? null : ledger.train(trainId).orElse(null);
        if (train == null) {
            return DirectResponse.error(HttpServletResponse.SC_NOT_FOUND, Messages.TrainRunAction_noTrain(trainId));
        }
        // the engine asks the question, so the page offers what the build (or the next one) will accept, even
        // while no build runs. The action does not know the train's windows: all that costs is the question
        // "no deploy window ever opens for X", which the build asks in its console instead
        ViewModel.Awaiting awaiting =
                OpenQuestion.of(ledger, train, DeployWindows.ALWAYS_OPEN, BuildWorkers.of(job()), Instant.now(), null);
        ViewPoll.Answer answer = ViewPoll.answer(
                ledger,
                train,
                new ViewPoll.Host(awaiting, isApprover(), null, "", ViewModel.Plan::none),
                ServedTrainChanges.of(job(), train),
                req.getHeader("If-None-Match"),
                req.getParameter("since"));
        if (answer instanceof ViewPoll.NotModified unchanged) {
            return DirectResponse.notModified(unchanged.etag());
        }
        if (answer instanceof ViewPoll.Body body) {
            return DirectResponse.json(body.json(), body.etag());
        }
        return DirectResponse.error(HttpServletResponse.SC_BAD_REQUEST, ((ViewPoll.BadRequest) answer).reason());
    }

    /** {@code GET .../deploy-train/assets/<name>}: the view's files, from the engine's allow-list only. */
    @GET
    public HttpResponse doAssets(StaplerRequest2 req) {
        run.checkPermission(Item.READ);
        String name = Util.fixNull(req.getRestOfPath()).replaceFirst("^/", "");
        return UiAssets.open(name)
                .<HttpResponse>map(DirectResponse::asset)
                .orElseGet(() ->
                        DirectResponse.error(HttpServletResponse.SC_NOT_FOUND, Messages.TrainRunAction_noAsset(name)));
    }

    /**
     * {@code POST .../deploy-train/approve}, the form fallback: one decision about the train or one of its
     * targets, then back to the page.
     *
     * @param action proceed, retry, skip, mark-succeeded, pause, resume or abort
     * @param target the target ({@code environment/zone}), empty for the whole train
     * @param reason free text for the audit trail
     * @param silence with proceed: how long to silence what the failed gate saw firing ({@code 30m}, {@code 2h},
     *     {@code PT1H}); empty for no silence
     * @param train the train the link was printed for; refused when it is not this page's train
     */
    @RequirePOST
    public HttpResponse doApprove(
            @QueryParameter String action,
            @QueryParameter String target,
            @QueryParameter String reason,
            @QueryParameter String silence,
            @QueryParameter String train) {
        String who = ApproverCheck.requireApprover(job(), getApproverList());
        if (train != null && !train.isEmpty() && !trainId.equals(train)) {
            // a link printed for another train of the build must never act on this one
            return DirectResponse.error(
                    HttpServletResponse.SC_BAD_REQUEST, Messages.TrainRunAction_otherTrain(trainId, train));
        }
        return record(who, action, target, reason, "silence", silence).orElseGet(HttpResponses::redirectToDot);
    }

    /**
     * {@code POST .../deploy-train/approvals}, what the train view sends: a JSON approval request
     * ({@code train}, {@code target}, {@code action}, {@code reason}; docs/ui.md), answered 204 when
     * recorded and otherwise with the reason in plain text, which the view shows to the person.
     */
    @RequirePOST
    public HttpResponse doApprovals(StaplerRequest2 req) throws IOException {
        String who = ApproverCheck.requireApprover(job(), getApproverList());
        JsonNode request;
        try {
            request = LedgerJson.mapper().readTree(req.getInputStream());
        } catch (JsonProcessingException e) {
            return DirectResponse.error(
                    HttpServletResponse.SC_BAD_REQUEST, Messages.TrainRunAction_notJson(e.getOriginalMessage()));
        }
        if (request == null || !request.isObject()) {
            return DirectResponse.error(HttpServletResponse.SC_BAD_REQUEST, Messages.TrainRunAction_notAnObject());
        }
        String train = request.path("train").asText("");
        if (!trainId.equals(train)) {
            return DirectResponse.error(
                    HttpServletResponse.SC_BAD_REQUEST, Messages.TrainRunAction_otherTrain(trainId, train));
        }
        return record(
                        who,
                        request.path("action").asText(""),
                        request.path("target").asText(null),
                        request.path("reason").asText(null),
                        "silenceFor",
                        request.path("silenceFor").asText(null))
                .orElseGet(DirectResponse::accepted);
    }

    /**
     * Records the approval in the ledger and wakes the build's running step, if any, which reads it from
     * there (a build that is not running picks it up when it continues the train); the engine decides whether
     * it fits the train's state. Empty when recorded, else the refusal to send.
     *
     * @param silenceField the request's name for the silence duration, named in a refusal
     */
    private Optional<HttpResponse> record(
            String who, String action, String target, String reason, String silenceField, String silence) {
        ApprovalAction what;
        try {
            what = ApprovalAction.parse(Util.fixNull(action).trim());
        } catch (IllegalArgumentException e) {
            return Optional.of(DirectResponse.error(
                    HttpServletResponse.SC_BAD_REQUEST, Messages.TrainRunAction_badAction(e.getMessage())));
        }
        String silenceText = Util.fixEmptyAndTrim(silence);
        Duration silenceFor;
        try {
            silenceFor = SilenceRequest.read(silenceText, what);
        } catch (SilenceRequest.Refused refused) {
            return Optional.of(DirectResponse.error(
                    HttpServletResponse.SC_BAD_REQUEST,
                    switch (refused.problem()) {
                        case NOT_A_POSITIVE_DURATION -> Messages.TrainRunAction_badSilence(silenceField, silenceText);
                        case NOT_WITH_THIS_ACTION ->
                            Messages.TrainRunAction_silenceOnlyWithProceed(silenceField, what.json());
                    }));
        }
        Approval approval = new Approval(
                trainId,
                Util.fixEmptyAndTrim(target),
                what,
                who,
                Util.fixEmptyAndTrim(reason),
                Instant.now(),
                silenceFor);
        Job<?, ?> job = job();
        try {
            JobLedgerStore.of(job)
                    .update(
                            job.getFullName(),
                            ledger -> ledger.updateTrain(trainId, t -> Approvals.apply(t, approval)));
            DeployTrainStepExecution.approvalRecorded(trainId);
            return Optional.empty();
        } catch (IllegalArgumentException refused) {
            return Optional.of(DirectResponse.error(HttpServletResponse.SC_CONFLICT, refused.getMessage()));
        } catch (LedgerException e) {
            return Optional.of(DirectResponse.error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage()));
        }
    }

    private Optional<Train> findTrain() {
        return JobLedgerStore.of(job()).load().flatMap(ledger -> ledger.train(trainId));
    }

    private Job<?, ?> job() {
        return run.getParent();
    }
}
