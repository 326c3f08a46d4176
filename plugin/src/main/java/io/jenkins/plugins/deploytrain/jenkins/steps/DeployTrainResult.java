package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.model.Job;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.io.Serializable;
import java.util.List;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/**
 * What {@code deployTrain} returns to the Pipeline script: plain strings, so it survives the CPS program's
 * serialization.
 */
public final class DeployTrainResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String trainId;
    private final String status;
    private final String version;
    private final List<String> succeeded;
    private final List<String> skipped;
    private final List<String> failed;

    DeployTrainResult(Train train) {
        this.trainId = train.id();
        this.status = train.status().json();
        this.version = train.version();
        this.succeeded = targets(train, TargetStatus.SUCCEEDED);
        this.skipped = targets(train, TargetStatus.SKIPPED);
        this.failed = targets(train, TargetStatus.FAILED);
    }

    /** The result of {@code job}'s train {@code trainId} as its ledger has it now. */
    static DeployTrainResult of(Job<?, ?> job, String trainId) {
        return new DeployTrainResult(
                JobLedgerStore.of(job).load().flatMap(l -> l.train(trainId)).orElseThrow());
    }

    private static List<String> targets(Train train, TargetStatus status) {
        return train.targets().stream()
                .filter(t -> t.status() == status)
                .map(TargetRecord::id)
                .toList();
    }

    @Whitelisted
    public String getTrainId() {
        return trainId;
    }

    @Whitelisted
    public String getStatus() {
        return status;
    }

    @Whitelisted
    public String getVersion() {
        return version;
    }

    /** Target ids ({@code environment/zone}). */
    @Whitelisted
    public List<String> getSucceeded() {
        return succeeded;
    }

    @Whitelisted
    public List<String> getSkipped() {
        return skipped;
    }

    @Whitelisted
    public List<String> getFailed() {
        return failed;
    }

    @Whitelisted
    @Override
    public String toString() {
        return trainId + " " + status + ": " + succeeded.size() + " succeeded, " + skipped.size() + " skipped, "
                + failed.size() + " failed";
    }
}
