package io.jenkins.plugins.deploytrain.jenkins.state;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.deploytrain.ui.UiAsset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * A status, headers and a body written as they are: the view model with its ETag, the view's static
 * files, and errors as one plain sentence that a script or the view shows to the person (the
 * container's error page would wrap it in HTML, or drop it).
 */
record DirectResponse(
        int status,
        @CheckForNull String contentType,
        byte[] body,
        @CheckForNull String etag,
        String cacheControl) implements HttpResponse {

    static DirectResponse json(byte[] document, String etag) {
        return new DirectResponse(200, "application/json;charset=UTF-8", document, etag, "no-cache");
    }

    static DirectResponse notModified(String etag) {
        return new DirectResponse(304, null, new byte[0], etag, "no-cache");
    }

    static DirectResponse asset(UiAsset asset) {
        return new DirectResponse(200, asset.contentType(), asset.readAllBytes(), null, "no-cache");
    }

    static DirectResponse accepted() {
        return new DirectResponse(204, null, new byte[0], null, "no-store");
    }

    static DirectResponse error(int status, String reason) {
        return new DirectResponse(
                status, "text/plain;charset=UTF-8", (reason + "\n").getBytes(StandardCharsets.UTF_8), null, "no-store");
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
        rsp.setStatus(status);
        rsp.setHeader("Cache-Control", cacheControl);
        if (etag != null) {
            rsp.setHeader("ETag", etag);
        }
        if (contentType != null) {
            rsp.setContentType(contentType);
        }
        if (body.length > 0) {
            rsp.getOutputStream().write(body);
        }
    }
}
