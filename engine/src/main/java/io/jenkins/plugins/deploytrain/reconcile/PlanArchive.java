package io.jenkins.plugins.deploytrain.reconcile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the plans of a terraform train go: the path a plan body writes its {@code terraform show -json}
 * output to (the host's choice, e.g. in the Jenkins workspace), and the host's keep of the plans read, so a
 * later target's plan can be diffed attribute by attribute against an approved one. Plans hold secrets in
 * clear: a host keeps them where only it can read them, as Terraform's own saved plans.
 */
public interface PlanArchive {

    /** For a host that runs no terraform train (the CLI): any use is a bug of the host. */
    PlanArchive NONE = new PlanArchive() {
        @Override
        public String handoffPath(String train, String target, int attempt) {
            throw new UnsupportedOperationException("this host runs no terraform trains (it has no plan archive)");
        }

        @Override
        public void keep(String train, String target, int attempt, String planJson) {
            throw new UnsupportedOperationException("this host runs no terraform trains (it has no plan archive)");
        }

        @Override
        public Optional<Path> find(String train, String target, int attempt) {
            return Optional.empty();
        }

        @Override
        public void forget(String train) {
            // nothing was kept
        }
    };

    /** The path the plan body writes to, as the body sees it: {@code TRAIN_PLAN_JSON}. */
    String handoffPath(String train, String target, int attempt);

    /** Keeps the plan read for an attempt; replaces one kept for the same attempt. */
    void keep(String train, String target, int attempt, String planJson) throws IOException;

    /** The kept plan of an attempt, if the host still has it. */
    Optional<Path> find(String train, String target, int attempt);

    /** Deletes every plan kept for a train (it finished: no later plan is compared with them). */
    void forget(String train) throws IOException;
}
