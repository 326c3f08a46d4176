package io.jenkins.plugins.deploytrain.ui;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The train view's static files, exposed to the two hosts (the CLI's {@code run --serve} and the
 * Jenkins plugin) through a fixed allow-list, so that a request path can never reach any other
 * class-path resource.
 */
public final class UiAssets {

    /**
     * The policy the view is written for: no inline script or style, no eval, only same-origin
     * fetches. Hosts that own the whole page (the CLI) send it as the Content-Security-Policy header.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The page that mounts the view; its data-* attributes name the endpoints relative to it. */
    public static final String INDEX = "index.html";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            INDEX, "text/html; charset=utf-8",
            "train-view.js", "text/javascript; charset=utf-8",
            "train-view.css", "text/css; charset=utf-8",
            "view-model.schema.json", "application/schema+json; charset=utf-8");

    private UiAssets() {
    }

    /** The names a host may serve, sorted. */
    public static SortedSet<String> names() {
        return new TreeSet<>(CONTENT_TYPES.keySet());
    }

    /**
     * The asset with exactly this name, or empty for anything else (other files, paths, traversal
     * attempts), which the host answers with 404.
     */
    public static Optional<UiAsset> open(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String contentType = CONTENT_TYPES.get(name);
        return contentType == null ? Optional.empty() : Optional.of(new UiAsset(name, contentType));
    }
}
