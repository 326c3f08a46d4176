package io.jenkins.plugins.deploytrain.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
     * says whether trying again later can help.
     */
    record Failed(String error, boolean retryable) implements SlackResult {

        /** Errors after which no further call can succeed until someone fixes the configuration. */
        private static final Set<String> FATAL = Set.of("invalid_auth", "not_authed", "account_inactive", "token_revoked",
                "token_expired", "no_permission", "missing_scope", "channel_not_found", "not_in_channel", "is_archived",
                "team_access_not_granted", "ekm_access_denied", "org_login_required");
        private static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "request_timeout", "fatal_error",
                "internal_error", "service_unavailable");

        public static Failed ofSlackError(String error) {
            return new Failed(error, TRANSIENT.contains(error));
        }

        public boolean fatal() {
            return FATAL.contains(error);
        }
    }
}
