package io.jenkins.plugins.deploytrain.jenkins.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Who may approve a train, beyond holding the Approve permission: user ids and group names, written
 * comma-separated as in the {@code input} step's {@code submitter}. An empty list restricts nobody.
 *
 * @param names the entries in the order written, trimmed, none empty
 */
public record ApproverList(List<String> names) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ApproverList {
        names = List.copyOf(names);
    }

    public static ApproverList none() {
        return new ApproverList(List.of());
    }

    /**
     * @throws IllegalArgumentException naming the position of an empty entry, such as the one
     *     {@code "alice,,ops"} or a trailing comma leaves
     */
    public static ApproverList parse(@CheckForNull String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return none();
        }
        List<String> names = new ArrayList<>();
        String[] parts = commaSeparated.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String name = parts[i].trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        Messages.ApproverList_emptyEntry(i + 1, parts.length, commaSeparated.trim()));
            }
            names.add(name);
        }
        return new ApproverList(names);
    }

    public boolean restricts() {
        return !names.isEmpty();
    }

    /**
     * Whether the user, or one of the groups, is listed. Ids are compared with the security realm's
     * own rules (case-insensitive for most realms), passed in so that this stays a pure function.
     */
    public boolean lists(
            String userId,
            Collection<String> groups,
            BiPredicate<String, String> sameUser,
            BiPredicate<String, String> sameGroup) {
        for (String name : names) {
            if (sameUser.test(name, userId)) {
                return true;
            }
            for (String group : groups) {
                if (sameGroup.test(name, group)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
