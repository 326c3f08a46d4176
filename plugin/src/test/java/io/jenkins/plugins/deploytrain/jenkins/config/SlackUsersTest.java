package io.jenkins.plugins.deploytrain.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackUsersTest {

    @Test
    void entriesAreSeparatedByCommasOrLines() {
        Map<String, String> users = SlackUsers.parse("U061F7AUR=alice,\n  W0G9QF9C6 = bob\n");

        assertThat(users, is(Map.of("U061F7AUR", "alice", "W0G9QF9C6", "bob")));
        assertThat(List.copyOf(users.keySet()), is(List.of("U061F7AUR", "W0G9QF9C6")));
    }

    @Test
    void nothingMapsNobody() {
        assertThat(SlackUsers.parse(null), is(anEmptyMap()));
        assertThat(SlackUsers.parse(" \n "), is(anEmptyMap()));
    }

    @Test
    void everyBadEntryIsNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SlackUsers.parse("alice=U061F7AUR, U061F7AUR=, U0G9QF9C6=bob"));

        assertThat(e.getMessage(), allOf(containsString("\"alice=U061F7AUR\""), containsString("\"U061F7AUR=\"")));
        assertThat(e.getMessage().lines().count(), is(2L));
    }
}
