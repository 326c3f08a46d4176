package io.jenkins.plugins.deploytrain.jenkins.security;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.gate.Secret;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The Secret text credentials a build uses (Slack bot token, Datadog keys), looked up by id for that build,
 * so the build's authentication and the credential's scope apply and its use is tracked
 * ({@code CredentialsProvider.track}: the credential's fingerprint lists the build). The value goes
 * straight into the engine's {@link Secret}, whose text form is redacted: it never reaches a log line.
 */
public final class SecretTexts {

    private SecretTexts() {}

    /** Empty when no id is given, or when the build may not use a Secret text credential with that id. */
    public static Optional<Secret> find(@CheckForNull String id, Run<?, ?> run) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        StringCredentials credential = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
        // the credential's fingerprint records the build, so its page lists where it was used
        return Optional.ofNullable(CredentialsProvider.track(run, credential))
                .map(c -> new Secret(c.getSecret().getPlainText()));
    }
}
