package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.deploytrain.jenkins.gate.ControllerHttp;
import java.net.http.HttpClient;

/**
 * A shadow gate's one HTTP client for every look of its window: made on first use (a fresh execution and one
 * resumed after a restart alike), shut down while a person decides, and refused for good once the gate has ended.
 */
final class ShadowGateHttp {

    private HttpClient http;
    private boolean closed;

    synchronized HttpClient client() throws AbortException {
        if (closed) {
            throw new AbortException(Messages.ShadowGateStep_ended());
        }
        if (http == null) {
            http = ControllerHttp.newClient(ShadowSource.PROMETHEUS_TIMEOUT);
        }
        return http;
    }

    /** Lets a look in flight complete (its answer is then ignored) without waiting for it here. */
    void shutdown() {
        HttpClient client;
        synchronized (this) {
            client = http;
            http = null;
        }
        if (client != null) {
            client.shutdown();
        }
    }

    /** The gate has ended: no client any more. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        shutdown();
    }
}
