package io.jenkins.plugins.deploytrain.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One static file of the train view, as a host serves it: its name in the allow-list, the
 * Content-Type to send, and its bytes read from the engine's resources.
 */
public record UiAsset(String name, String contentType) {

    /** Opens the asset's bytes; the caller closes the stream. */
    public InputStream openStream() {
        InputStream in = UiAsset.class.getResourceAsStream(name);
        if (in == null) {
            // Only names from the allow-list get here, so a miss means a broken engine jar.
            throw new UncheckedIOException(new IOException(
                    "UI asset " + name + " is missing from the engine jar (resource "
                            + UiAsset.class.getPackageName().replace('.', '/') + "/" + name + ")"));
        }
        return in;
    }

    /** The whole asset; the files are a few kilobytes, so hosts may simply buffer them. */
    public byte[] readAllBytes() {
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read UI asset " + name, e);
        }
    }
}
