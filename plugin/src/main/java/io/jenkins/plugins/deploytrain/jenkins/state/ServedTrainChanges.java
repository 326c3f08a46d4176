package io.jenkins.plugins.deploytrain.jenkins.state;

import hudson.model.Job;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ui.ViewChanges;
import io.jenkins.plugins.deploytrain.ui.ViewChangesByTrain;

/**
 * What changed in the trains shown on build pages, per job and train, so that a page's poll that names its
 * revision is sent only the targets changed since (the engine's ViewPoll). Kept in memory only: after a
 * restart, or for a train not polled for a while, a page gets the whole train once.
 */
final class ServedTrainChanges {

    /**
     * Each history holds the last train it was shown (a few MB at 3,000 targets); pages of a train beyond these
     * get whole documents, as without histories.
     */
    private static final ViewChangesByTrain ALL = new ViewChangesByTrain(8);

    private ServedTrainChanges() {}

    /** Keyed by the train's start too: a job deleted and created again starts another ledger. */
    static ViewChanges of(Job<?, ?> job, Train train) {
        return ALL.of(job.getFullName() + "\n" + train.id() + "\n" + train.created());
    }
}
