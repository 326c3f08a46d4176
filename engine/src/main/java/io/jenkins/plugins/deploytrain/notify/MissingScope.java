package io.jenkins.plugins.deploytrain.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Slack's {@code missing_scope} answer: the token works, but the Slack app lacks an OAuth scope the method
 * needs ({@code {"ok":false,"error":"missing_scope","needed":"channels:history","provided":"chat:write"}}).
 * A token made for {@code slackSend} typically has {@code chat:write} only, so reading the train's thread
 * back or finding approvers by e-mail is where this shows. Scopes are not secrets: both lists are shown.
 *
 * @param needed the scope(s) Slack named, comma-separated as Slack sends them
 * @param provided the scopes the token has, possibly empty
 */
public record MissingScope(String needed, String provided) {

    public static Optional<MissingScope> of(JsonNode answer) {
        if (answer == null || !"missing_scope".equals(answer.path("error").asText())) {
            return Optional.empty();
        }
        return Optional.of(new MissingScope(answer.path("needed").asText(""), answer.path("provided").asText("")));
    }

    /** One line for the console and the configuration page, naming the scope to add and what still works. */
    public String advice(String method) {
        return "the Slack token lacks " + (needed.isEmpty() ? "a scope" : "the scope '" + needed + "'") + " that " + method
                + " needs" + (provided.isEmpty() ? "" : " (it has " + provided + ")")
                + ": add it to the Slack app's bot token scopes and reinstall the app;"
                + " until then, approve on the build page or in the console";
    }
}
