package io.jenkins.plugins.deploytrain.jenkins.security;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.BiPredicate;
import jenkins.model.IdStrategy;
import org.junit.jupiter.api.Test;

class ApproverListTest {

    private static final BiPredicate<String, String> CASE_INSENSITIVE = IdStrategy.CASE_INSENSITIVE::equals;
    private static final BiPredicate<String, String> EXACT = String::equals;

    @Test
    void blankMeansNoRestriction() {
        assertThat(ApproverList.parse(null).restricts(), is(false));
        assertThat(ApproverList.parse("  ").names(), empty());
    }

    @Test
    void entriesAreTrimmedAndKeptInOrder() {
        ApproverList list = ApproverList.parse(" alice ,release-managers,  Bob");
        assertThat(list.names(), contains("alice", "release-managers", "Bob"));
        assertThat(list.restricts(), is(true));
        assertThat(ApproverList.parse(list.toString()), is(list));
    }

    @Test
    void emptyEntryIsRejectedWithItsPosition() {
        IllegalArgumentException inner =
                assertThrows(IllegalArgumentException.class, () -> ApproverList.parse("alice,,ops"));
        assertThat(inner.getMessage(), containsString("entry 2 of 3"));
        assertThat(inner.getMessage(), containsString("alice,,ops"));
        IllegalArgumentException trailing =
                assertThrows(IllegalArgumentException.class, () -> ApproverList.parse("alice, ops,"));
        assertThat(trailing.getMessage(), containsString("entry 3 of 3"));
    }

    @Test
    void listsUsersByTheRealmsIdRules() {
        ApproverList list = ApproverList.parse("alice, release-managers");
        assertThat(list.lists("Alice", List.of(), CASE_INSENSITIVE, EXACT), is(true));
        assertThat(list.lists("Alice", List.of(), EXACT, EXACT), is(false));
        assertThat(list.lists("bob", List.of("authenticated"), CASE_INSENSITIVE, EXACT), is(false));
    }

    @Test
    void listsMembersOfListedGroups() {
        ApproverList list = ApproverList.parse("alice, release-managers");
        assertThat(list.lists("bob", List.of("authenticated", "release-managers"), EXACT, EXACT), is(true));
        assertThat(list.lists("bob", List.of("Release-Managers"), EXACT, EXACT), is(false));
        assertThat(list.lists("bob", List.of("Release-Managers"), EXACT, CASE_INSENSITIVE), is(true));
    }

    @Test
    void emptyListListsNobody() {
        assertThat(ApproverList.none().lists("alice", List.of("admins"), EXACT, EXACT), is(false));
    }
}
