package io.jenkins.plugins.deploytrain.gate;

/** A gate template that cannot be rendered for a target (unknown variable, placeholder outside a literal). */
public final class TemplateException extends IllegalArgumentException {
    public TemplateException(String message) {
        super(message);
    }
}
