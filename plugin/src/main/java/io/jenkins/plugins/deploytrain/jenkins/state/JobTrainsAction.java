package io.jenkins.plugins.deploytrain.jenkins.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.fleetstate.VisibleMatrix;
import io.jenkins.plugins.deploytrain.jenkins.fleet.DeployTrainsRootAction;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.VersionMatrix;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.verb.GET;
import org.springframework.security.access.AccessDeniedException;

/**
 * The job's trains, read from its ledger: a page on the job with the fleet's version matrix (which
 * version runs in each environment and zone, from the engine's {@link VersionMatrix}) and the train
 * history, and the same as JSON. Nothing is stored on the job; the action appears once the job has a
 * ledger.
 */
public class JobTrainsAction implements Action {

    private final Job<?, ?> job;

    JobTrainsAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return "symbol-environment";
    }

    @Override
    public String getDisplayName() {
        return Messages.JobTrainsAction_displayName();
    }

    @Override
    public String getUrlName() {
        return "deploy-trains";
    }

    /** For the page: the trains, newest first. */
    public List<Train> getTrains() {
        return newestFirst(ledger());
    }

    /** For the page: which version runs in each environment and zone, and which one is rolling there. */
    public VersionMatrix getMatrix() {
        return VersionMatrix.of(ledger());
    }

    /**
     * For the page: the versions of this job's services across every job of the controller (the fleet state), as
     * the current user may see them.
     */
    public VisibleMatrix getFleetMatrix() {
        Set<String> services = new HashSet<>();
        ledger().trains().forEach(t -> services.add(t.service()));
        return getFleetLinks().matrixOf(services);
    }

    /** For the page: what resolves the fleet matrix's job and build links. */
    public DeployTrainsRootAction getFleetLinks() {
        return ExtensionList.lookupSingleton(DeployTrainsRootAction.class);
    }

    /**
     * For the page: the build that started the train, when it is a build of this controller the user may
     * see (a train the CLI started names its host instead).
     */
    @CheckForNull
    public Run<?, ?> buildOf(Train train) {
        if (train.by() == null) {
            return null;
        }
        try {
            return Run.fromExternalizableId(train.by());
        } catch (IllegalArgumentException | AccessDeniedException notABuild) {
            return null;
        }
    }

    private Ledger ledger() {
        return JobLedgerStore.of(job).load().orElseGet(() -> Ledger.empty(job.getFullName()));
    }

    /**
     * {@code GET .../deploy-trains/json}: the version matrix and the trains (newest first) in one document,
     * {@code {"matrix": {...}, "trains": [...]}}, read from one load of the ledger.
     */
    @GET
    public HttpResponse doJson() {
        job.checkPermission(Item.READ);
        try {
            Ledger ledger = ledger();
            ObjectNode document = LedgerJson.mapper().createObjectNode();
            document.set("matrix", LedgerJson.mapper().valueToTree(VersionMatrix.of(ledger)));
            document.set("trains", LedgerJson.mapper().valueToTree(newestFirst(ledger)));
            byte[] json = LedgerJson.mapper().writeValueAsBytes(document);
            return new DirectResponse(200, "application/json;charset=UTF-8", json, null, "no-cache");
        } catch (LedgerException e) {
            return DirectResponse.error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return DirectResponse.error(
                    HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    Messages.JobTrainsAction_unwritable(job.getFullName(), e.getMessage()));
        }
    }

    /** {@code GET .../deploy-trains/history}: the job's trains as the ledger has them, newest first. */
    @GET
    public HttpResponse doHistory() {
        job.checkPermission(Item.READ);
        try {
            byte[] json = LedgerJson.mapper().writeValueAsString(getTrains()).getBytes(StandardCharsets.UTF_8);
            return new DirectResponse(200, "application/json;charset=UTF-8", json, null, "no-cache");
        } catch (LedgerException e) {
            return DirectResponse.error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage());
        } catch (JsonProcessingException e) {
            return DirectResponse.error(
                    HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    Messages.JobTrainsAction_unwritable(job.getFullName(), e.getOriginalMessage()));
        }
    }

    static List<Train> newestFirst(Ledger ledger) {
        return ledger.trains().reversed();
    }

    @Extension
    public static final class Factory extends TransientActionFactory<Job> {

        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            return Files.exists(JobLedgerStore.fileOf(target)) ? List.of(new JobTrainsAction(target)) : List.of();
        }
    }
}
