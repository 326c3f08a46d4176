package io.jenkins.plugins.deploytrain.jenkins.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverCheck;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.Approvals;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Optional;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;

/**
 * The train a build runs, on the build page: its state as JSON for the progress view, and the approval
 * endpoint. Only the train id (and who may approve) is kept in {@code build.xml}; the state itself is
 * read from the job's ledger on every request, so the page is right after a restart and while another
 * build of the job continues the same train.
 */
public class TrainRunAction implements RunAction2 {

    private final String trainId;
    /** Comma-separated, as written in the train; null when the train leaves it to the global default. */
    @CheckForNull
    private final String approvers;

    private transient Run<?, ?> run;

    public TrainRunAction(@NonNull String trainId, @CheckForNull ApproverList approvers) {
        this.trainId = trainId;
        this.approvers = approvers == null || !approvers.restricts() ? null : approvers.toString();
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
        return Messages.TrainRunAction_displayName();
    }

    @Override
    public String getUrlName() {
        return "deploy-train";
    }

    /** For the page: the train as the ledger has it now, or null when the ledger does not have it (yet). */
    @CheckForNull
    public Train getTrain() {
        return findTrain().orElse(null);
    }

    /** For the page: whether to offer the approval buttons. */
    public boolean isApprover() {
        return ApproverCheck.mayApprove(job(), getApproverList());
    }

    /** {@code GET .../deploy-train/state}: the train's ledger entry, the JSON the progress view renders. */
    @GET
    public HttpResponse doState() {
        run.checkPermission(Item.READ);
        Train train;
        try {
            train = findTrain().orElse(null);
        } catch (LedgerException e) {
            return TextResponse.error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage());
        }
        if (train == null) {
            return TextResponse.error(HttpServletResponse.SC_NOT_FOUND, Messages.TrainRunAction_noTrain(trainId));
        }
        return TextResponse.json(toJson(train));
    }

    /**
     * {@code POST .../deploy-train/approve}: one decision about the train or one of its targets, recorded
     * in the ledger with the Jenkins user id of who gave it; the running step picks it up from there.
     *
     * @param action proceed, retry, skip, mark-succeeded, pause, resume or abort
     * @param target the target ({@code environment/zone}), empty for the whole train
     * @param reason free text for the audit trail
     */
    @RequirePOST
    public HttpResponse doApprove(
            @QueryParameter String action, @QueryParameter String target, @QueryParameter String reason) {
        Job<?, ?> job = job();
        String who = ApproverCheck.requireApprover(job, getApproverList());
        ApprovalAction what;
        try {
            what = ApprovalAction.parse(Util.fixNull(action).trim());
        } catch (IllegalArgumentException e) {
            return TextResponse.error(
                    HttpServletResponse.SC_BAD_REQUEST, Messages.TrainRunAction_badAction(e.getMessage()));
        }
        Approval approval = new Approval(
                trainId, Util.fixEmptyAndTrim(target), what, who, Util.fixEmptyAndTrim(reason), Instant.now());
        try {
            JobLedgerStore.of(job)
                    .update(
                            job.getFullName(),
                            ledger -> ledger.updateTrain(trainId, t -> Approvals.apply(t, approval)));
        } catch (IllegalArgumentException refused) {
            return TextResponse.error(HttpServletResponse.SC_CONFLICT, refused.getMessage());
        } catch (LedgerException e) {
            return TextResponse.error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage());
        }
        return HttpResponses.redirectToDot();
    }

    private Optional<Train> findTrain() {
        return JobLedgerStore.of(job()).load().flatMap(ledger -> ledger.train(trainId));
    }

    private Job<?, ?> job() {
        return run.getParent();
    }

    private static String toJson(Train train) {
        try {
            return LedgerJson.mapper().writeValueAsString(train);
        } catch (JsonProcessingException e) {
            throw new LedgerException(Messages.TrainRunAction_unwritable(train.id()), e);
        }
    }
}
