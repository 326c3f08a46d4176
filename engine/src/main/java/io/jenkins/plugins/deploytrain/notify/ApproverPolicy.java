package io.jenkins.plugins.deploytrain.notify;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may approve a train: named people and members of named groups. Slack users are known by id,
 * so {@code slackUsers} maps a Slack user id to the person's name; {@code memberships} gives each
 * person's groups (from Jenkins, later).
 */
public record ApproverPolicy(Set<String> names, Set<String> groups, Map<String, String> slackUsers,
                             Map<String, Set<String>> memberships) {

    public ApproverPolicy {
        names = Set.copyOf(names);
        groups = Set.copyOf(groups);
        slackUsers = Map.copyOf(slackUsers);
        memberships = Map.copyOf(memberships);
    }

    public Optional<String> nameOfSlackUser(String userId) {
        return Optional.ofNullable(slackUsers.get(userId));
    }

    public boolean mayApprove(String name) {
        return names.contains(name) || memberships.getOrDefault(name, Set.of()).stream().anyMatch(groups::contains);
    }
}
