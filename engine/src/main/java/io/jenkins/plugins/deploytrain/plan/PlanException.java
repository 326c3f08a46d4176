package io.jenkins.plugins.deploytrain.plan;

/** A train that cannot be planned with this fleet, e.g. an environment whose windows never open. */
public final class PlanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PlanException(String message) {
        super(message);
    }
}
