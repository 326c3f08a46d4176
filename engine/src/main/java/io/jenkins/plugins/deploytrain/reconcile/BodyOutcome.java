package io.jenkins.plugins.deploytrain.reconcile;

/** How a body (one deploy) ended, as its host saw it. */
public record BodyOutcome(boolean succeeded, String detail) {
    public static BodyOutcome success() {
        return new BodyOutcome(true, null);
    }

    public static BodyOutcome failure(String detail) {
        return new BodyOutcome(false, detail);
    }
}
