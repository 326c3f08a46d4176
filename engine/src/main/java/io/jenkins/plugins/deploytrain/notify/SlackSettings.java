package io.jenkins.plugins.deploytrain.notify;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigMap;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.ConfigValue;
import io.jenkins.plugins.deploytrain.config.Problems;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code slack:} and {@code approvers:} sections of train.yaml. The bot token is not here: it
 * comes from Jenkins credentials or the environment, so train.yaml stays free of secrets.
 *
 * <pre>
 * slack:
 *   channel: C0123456789        # a channel id (or #name)
 *   pollReplies: 30s            # how often the thread is read back for approvals
 * approvers:
 *   names: [alice, bob]
 *   groups: [release-managers]
 *   slack: {U061F7AUR: alice}   # Slack user id -&gt; name
 * </pre>
 */
public record SlackSettings(Optional<String> channel, Duration pollReplies, ApproverPolicy approvers) {

    private static final Pattern CHANNEL = Pattern.compile("(#[a-z0-9][a-z0-9._-]{0,79})|([CGD][A-Z0-9]{6,})");
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{6,}");

    public static final SlackSettings NONE = new SlackSettings(Optional.empty(), Duration.ofSeconds(30),
            new ApproverPolicy(Set.of(), Set.of(), Map.of(), Map.of()));

    /** Reads both sections (either may be absent); throws {@link ConfigException} with every problem. */
    /** A channel name ({@code #deploys}) or id ({@code C0123ABCD}); the Jenkins form checks the same rule. */
    public static boolean isChannel(String channel) {
        return CHANNEL.matcher(channel).matches();
    }

    public static SlackSettings read(Optional<ConfigNode> slack, Optional<ConfigNode> approvers) {
        Problems problems = new Problems();
        Optional<String> channel = Optional.empty();
        Duration poll = NONE.pollReplies();
        if (slack.isPresent()) {
            Optional<ConfigMap> m = new ConfigValue(slack.get(), "slack", problems).asMap();
            if (m.isPresent()) {
                m.get().rejectUnknown("channel", "pollReplies");
                channel = m.get().require("channel", v -> v.asName().filter(c -> {
                    if (!isChannel(c)) {
                        v.problem("a Slack channel is an id like C0123456789 or a name like #deploys");
                        return false;
                    }
                    return true;
                }));
                poll = m.get().get("pollReplies", ConfigValue::asDuration).orElse(poll);
            }
        }
        ApproverPolicy policy = NONE.approvers();
        if (approvers.isPresent()) {
            Optional<ConfigMap> m = new ConfigValue(approvers.get(), "approvers", problems).asMap();
            if (m.isPresent()) {
                m.get().rejectUnknown("names", "groups", "slack");
                List<String> names = m.get().stringList("names");
                List<String> groups = m.get().stringList("groups");
                Map<String, String> slackUsers = new HashMap<>();
                m.get().get("slack", ConfigValue::asMap).ifPresent(users -> users.entries().forEach(e -> {
                    if (!SLACK_USER.matcher(e.getKey()).matches()) {
                        users.problems().add(users.keyLocation(e.getKey()), users.path() + "." + e.getKey(), e.getKey(),
                                "a Slack user id looks like U061F7AUR");
                    }
                    e.getValue().asName().ifPresent(name -> slackUsers.put(e.getKey(), name));
                }));
                if (names.isEmpty() && groups.isEmpty()) {
                    problems.add(m.get().location(), "approvers", null, "name at least one approver in 'names' or 'groups'");
                }
                policy = new ApproverPolicy(new HashSet<>(names), new HashSet<>(groups), slackUsers, Map.of());
            }
        }
        problems.throwIfAny();
        return new SlackSettings(channel, poll, policy);
    }
}
