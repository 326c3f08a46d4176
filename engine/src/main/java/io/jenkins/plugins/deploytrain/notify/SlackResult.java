package io.jenkins.plugins.deploytrain.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** What one Slack Web API call came to. */
public sealed interface SlackResult {

    record Ok(JsonNode body) implements SlackResult {
    }

    /** HTTP 429: Slack said when to come back. */
    record RateLimited(Duration retryAfter) implements SlackResult {
    }

    /**
     * {@code ok:false} with Slack's error code, an HTTP error, or no answer at all. {@code retryable}
     * says whether trying again later can help; {@code missingScope} names the scope when Slack answered
     * {@code missing_scope}.
     */
    record Failed(String error, boolean retryable, Optional<MissingScope> missingScope) implements SlackResult {

        public Failed(String error, boolean retryable) {
            this(error, retryable, Optional.empty());
        }

        /** Errors after which no further call can succeed until someone fixes the configuration. */
        private static final Set<String> FATAL = Set.of("invalid_auth", "not_authed", "account_inactive", "token_revoked",
                "token_expired", "no_permission", "missing_scope", "channel_not_found", "not_in_channel", "is_archived",
                "team_access_not_granted", "ekm_access_denied", "org_login_required");
        private static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "request_timeout", "fatal_error",
                "internal_error", "service_unavailable");

        public static Failed ofSlackError(String error) {
            return new Failed(error, TRANSIENT.contains(error));
        }

        /** Slack's {@code ok:false} answer, keeping the scope it names when the error is {@code missing_scope}. */
        public static Failed ofSlackAnswer(JsonNode answer) {
            String error = answer.path("error").asText("ok:false without an error code");
            return new Failed(error, TRANSIENT.contains(error), MissingScope.of(answer));
        }

        /** What failed, for a log line: the scope to add when one is missing, else Slack's error code. */
        public String describe(String method) {
            return missingScope.map(scope -> method + " failed: " + scope.advice(method))
                    .orElse(method + " failed: " + error);
        }

        public boolean fatal() {
            return FATAL.contains(error);
        }
    }
}
