package io.jenkins.plugins.deploytrain.jenkins.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who a Slack user is in Jenkins, for approvals given as replies in a train's thread: entries
 * {@code U061F7AUR=alice}, separated by commas or new lines. Slack names people by id only, and a reply
 * counts as an approval only from someone mapped here (or in the train file's {@code approvers.slack})
 * whose Jenkins user may approve the job's trains.
 */
public final class SlackUsers {

    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{6,}");

    private SlackUsers() {}

    /**
     * @return Slack user id to Jenkins user id, in the order written
     * @throws IllegalArgumentException naming every entry that is not {@code SLACKID=user}
     */
    public static Map<String, String> parse(@CheckForNull String text) {
        Map<String, String> users = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return users;
        }
        StringBuilder problems = new StringBuilder();
        for (String entry : text.split("[,\\n]")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String slackId = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
            String user = eq < 0 ? "" : trimmed.substring(eq + 1).trim();
            if (!SLACK_USER.matcher(slackId).matches() || user.isEmpty()) {
                problems.append(problems.length() == 0 ? "" : "\n").append(Messages.SlackUsers_badEntry(trimmed));
            } else {
                users.put(slackId, user);
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.toString());
        }
        return users;
    }
}
