package io.jenkins.plugins.deploytrain.jenkins.gate;

import hudson.ProxyConfiguration;
import java.net.http.HttpClient;
import java.time.Duration;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The HTTP client for calls the controller makes (monitoring systems, Slack): through Jenkins' proxy settings
 * (Manage Jenkins > System > HTTP Proxy Configuration, including its no-proxy hosts), never following a
 * redirect (a monitoring API answers where it is asked, and a redirect could carry a key elsewhere). A client
 * holds a connection pool and its selector thread, so its owner keeps one for as long as it talks to the same
 * systems and shuts it down when done.
 */
@Restricted(NoExternalUse.class)
public final class ControllerHttp {

    private ControllerHttp() {}

    private static final Duration SHARED_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The proxy settings the shared client was made for: a change in Manage Jenkins replaces the object. */
    private static ProxyConfiguration sharedFor;

    private static HttpClient shared;

    private static boolean sharedMade;

    /**
     * One client for the gates of every train (a client per gate call would open a pool and a selector thread
     * each time), made again when the administrator changes the proxy settings. The client it replaces is left
     * to finish its calls in flight and is collected.
     */
    public static synchronized HttpClient shared() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = jenkins == null ? null : jenkins.getProxy();
        if (!sharedMade || proxy != sharedFor) {
            shared = newClient(SHARED_CONNECT_TIMEOUT);
            sharedFor = proxy;
            sharedMade = true;
        }
        return shared;
    }

    public static HttpClient newClient(Duration connectTimeout) {
        return ProxyConfiguration.newHttpClientBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Prometheus and Alertmanager speak HTTP/1.1 without TLS; no h2c upgrade attempt on each new connection
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }
}
