package io.jenkins.plugins.deploytrain.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration page's "Test connection": whether the token works, and whether it has the scopes a
 * train needs beyond posting, which a token made for {@code slackSend} often lacks: reading the thread
 * back ({@code channels:history}/{@code groups:history}) and finding approvers by e-mail
 * ({@code users:read.email}). Every missing scope is named, with what still works.
 */
public final class SlackConnectionCheck {

    /** {@code ok} when nothing is missing; one line per check. */
    public record Report(boolean ok, List<String> lines) {
        public Report {
            lines = List.copyOf(lines);
        }

        public String text() {
            return String.join("\n", lines);
        }
    }

    private SlackConnectionCheck() {}

    /**
     * @param channel the channel trains post to, when one is configured
     * @param email an address to look up (the administrator's own), when approvers are found by e-mail
     */
    public static Report run(SlackClient client, Optional<String> channel, Optional<String> email) {
        List<String> lines = new ArrayList<>();
        SlackResult auth = client.authTest();
        if (!(auth instanceof SlackResult.Ok ok)) {
            lines.add(failure("auth.test", auth));
            return new Report(false, lines);
        }
        JsonNode body = ok.body();
        lines.add("token of " + body.path("user").asText("?") + " in workspace " + body.path("team").asText("?"));
        boolean allOk = true;
        if (channel.isPresent()) {
            SlackResult history = client.newestMessage(channel.get());
            if (history instanceof SlackResult.Ok) {
                lines.add("can read replies in " + channel.get());
            } else {
                allOk = false;
                lines.add(failure("conversations.history", history)
                        + (channel.get().startsWith("#") ? " (Slack reads history by channel id: name the channel by its id, C...)" : ""));
            }
        }
        if (email.isPresent()) {
            SlackUserCache.Lookup found = SlackUserCache.Lookup.ofLookupByEmail(client.lookupByEmail(email.get()));
            if (found instanceof SlackUserCache.Lookup.Unavailable unavailable) {
                allOk = false;
                lines.add(unavailable.problem());
            } else {
                lines.add("can find approvers by e-mail");
            }
        }
        return new Report(allOk, lines);
    }

    private static String failure(String method, SlackResult result) {
        if (result instanceof SlackResult.Failed failed) {
            return failed.describe(method);
        }
        return method + " rate limited";
    }
}
