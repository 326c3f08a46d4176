package io.jenkins.plugins.deploytrain.reconcile;

/** What a body is asked to do: deploy (a deploy train), or plan or apply (a terraform train, {@code TRAIN_PHASE}). */
public enum BodyPhase {
    DEPLOY, PLAN, APPLY
}
