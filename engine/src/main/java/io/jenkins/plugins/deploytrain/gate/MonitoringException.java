package io.jenkins.plugins.deploytrain.gate;

/** A monitoring system could not answer: unreachable, too slow, or an error response. The message is safe to show. */
public final class MonitoringException extends RuntimeException {

    public MonitoringException(String message) {
        super(message);
    }
}
