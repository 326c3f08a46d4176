package io.jenkins.plugins.deploytrain.gate;

/** A monitoring system could not answer: unreachable, too slow, or an error response. The message is safe to show. */
public final class MonitoringException extends RuntimeException {

    private final int status;

    public MonitoringException(String message) {
        this(message, 0);
    }

    public MonitoringException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }
}
