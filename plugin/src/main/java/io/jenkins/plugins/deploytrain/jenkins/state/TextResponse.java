package io.jenkins.plugins.deploytrain.jenkins.state;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * A status and a body written as they are, never cached: JSON for the progress view, and errors as one
 * plain sentence that a script or the view shows as it is (the container's error page would wrap it in
 * HTML, or drop it).
 */
record TextResponse(int status, String contentType, String body) implements HttpResponse {

    static TextResponse json(String json) {
        return new TextResponse(200, "application/json;charset=UTF-8", json);
    }

    static TextResponse error(int status, String reason) {
        return new TextResponse(status, "text/plain;charset=UTF-8", reason + "\n");
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType(contentType);
        rsp.setHeader("Cache-Control", "no-store");
        rsp.getWriter().write(body);
    }
}
