package io.jenkins.plugins.deploytrain.gate;

import java.util.Objects;

/** A credential (API key, bot token). Its text form is redacted so it never reaches a log or an exception. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    /** The clear value, only for an Authorization header. */
    public String reveal() {
        return value;
    }

    /**
     * The text with every occurrence of this secret's value masked: for text a remote service sent back, which
     * may echo the request's headers (a proxy's or a debug endpoint's error page) and so the credential.
     */
    public String redact(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, toString());
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
