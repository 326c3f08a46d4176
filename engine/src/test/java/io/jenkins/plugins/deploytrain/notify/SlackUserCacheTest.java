package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.notify.SlackUserCache.Lookup;
import io.jenkins.plugins.deploytrain.reconcile.VirtualClock;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-train cache of who each approver is on Slack, against Slack's recorded users.lookupByEmail
 * answers served locally, with a clock the test moves.
 */
class SlackUserCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Secret TOKEN = new Secret("xoxb-0000-cache-token");
    /** The recorded answer's Slack user and e-mail. */
    private static final String SPENGLER = "W012A3CDE";
    private static final String SPENGLER_EMAIL = "spengler@ghostbusters.example.com";

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final SlackUserCache cache = new SlackUserCache(clock, Duration.ofMinutes(10), 3);
    private final List<String> asked = new ArrayList<>();
    private ReplayServer slack;
    private SlackClient client;

    @BeforeEach
    void start() throws Exception {
        slack = new ReplayServer();
        slack.on("POST", "/users.lookupByEmail", Reply.ok(fixture("openapi_users.lookupByEmail_error.json")));
        client = new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private static String fixture(String name) throws Exception {
        return ReplayServer.fixture("slack/" + name);
    }

    /** Jenkins users' e-mail addresses, looked up on the replayed Slack like the plugin does. */
    private Function<String, Lookup> byEmail(Map<String, String> emails) {
        return jenkinsUser -> {
            asked.add(jenkinsUser);
            return Lookup.ofLookupByEmail(client.lookupByEmail(emails.get(jenkinsUser)));
        };
    }

    @Test
    void aFoundSlackUserIsAskedForOnceForTheWholeTrain() throws Exception {
        slack.on("POST", "/users.lookupByEmail", Reply.ok(fixture("openapi_users.lookupByEmail_ok.json")));
        Function<String, Lookup> lookup = byEmail(Map.of("egon", SPENGLER_EMAIL));

        for (int poll = 0; poll < 20; poll++) {
            assertThat(cache.slackUsers(Map.of(), List.of("egon"), lookup).slackUsers())
                    .isEqualTo(Map.of(SPENGLER, "egon"));
            clock.set(clock.instant().plusSeconds(30));
        }
        assertThat(asked).containsExactly("egon");
        assertThat(slack.requests("POST", "/users.lookupByEmail")).hasSize(1);
        assertThat(ReplayServer.form(slack.requests("POST", "/users.lookupByEmail").get(0)))
                .containsEntry("email", SPENGLER_EMAIL);
        assertThat(slack.requests("POST", "/users.lookupByEmail").get(0).header("Authorization"))
                .isEqualTo("Bearer " + TOKEN.reveal());
    }

    @Test
    void aMissIsAskedAgainOnlyAfterItsTimeToLive() {
        Function<String, Lookup> lookup = byEmail(Map.of("ray", "ray@ghostbusters.example.com"));

        assertThat(cache.slackUsers(Map.of(), List.of("ray"), lookup).slackUsers()).isEmpty();
        for (int poll = 0; poll < 19; poll++) { // 9.5 minutes of polls every 30 s
            clock.set(clock.instant().plusSeconds(30));
            cache.slackUsers(Map.of(), List.of("ray"), lookup);
        }
        assertThat(asked).containsExactly("ray");
        clock.set(clock.instant().plusSeconds(30));
        cache.slackUsers(Map.of(), List.of("ray"), lookup);
        assertThat(asked).containsExactly("ray", "ray");
    }

    @Test
    void theExplicitMapWinsAndItsUsersAreNotLookedUp() throws Exception {
        slack.on("POST", "/users.lookupByEmail", Reply.ok(fixture("openapi_users.lookupByEmail_ok.json")));
        Function<String, Lookup> lookup = byEmail(Map.of("egon", SPENGLER_EMAIL, "peter", "peter@ghostbusters.example.com"));

        // the recorded answer names the same Slack user for both: the explicit entry keeps it
        Map<String, String> users = cache.slackUsers(Map.of(SPENGLER, "peter"), List.of("peter", "egon"), lookup)
                .slackUsers();
        assertThat(users).isEqualTo(Map.of(SPENGLER, "peter"));
        assertThat(asked).containsExactly("egon");
    }

    @Test
    void aLargeApproverListIsLookedUpAFewPerPoll() {
        List<String> approvers = List.of("a", "b", "c", "d", "e", "f", "g");
        Function<String, Lookup> lookup = jenkinsUser -> {
            asked.add(jenkinsUser);
            return new Lookup.Found("U0000000" + jenkinsUser.toUpperCase());
        };

        assertThat(cache.slackUsers(Map.of(), approvers, lookup).slackUsers()).hasSize(3);
        assertThat(cache.slackUsers(Map.of(), approvers, lookup).slackUsers()).hasSize(6);
        assertThat(cache.slackUsers(Map.of(), approvers, lookup).slackUsers()).hasSize(7);
        assertThat(cache.slackUsers(Map.of(), approvers, lookup).slackUsers()).hasSize(7);
        assertThat(asked).containsExactlyElementsOf(approvers);
    }

    @Test
    void aMissingScopeIsReportedOnceNamingTheScopeAndLookupsPauseForTheMissTtl() throws Exception {
        ObjectNode missingScope = (ObjectNode) JSON.readTree(fixture("openapi_users.lookupByEmail_error.json"));
        missingScope.put("error", "missing_scope").put("needed", "users:read.email").put("provided", "chat:write");
        slack.on("POST", "/users.lookupByEmail", Reply.ok(missingScope.toString()));
        Function<String, Lookup> lookup = byEmail(Map.of("egon", SPENGLER_EMAIL, "ray", "ray@ghostbusters.example.com"));

        SlackUserCache.Round first = cache.slackUsers(Map.of("U061F7AUR", "winston"), List.of("egon", "ray"), lookup);
        assertThat(first.slackUsers()).isEqualTo(Map.of("U061F7AUR", "winston"));
        assertThat(first.newProblems()).singleElement().asString()
                .contains("'users:read.email'")
                .contains("users.lookupByEmail")
                .contains("it has chat:write")
                .contains("approve on the build page or in the console")
                .doesNotContain(TOKEN.reveal());
        assertThat(asked).containsExactly("egon");

        clock.set(clock.instant().plusSeconds(30));
        SlackUserCache.Round second = cache.slackUsers(Map.of("U061F7AUR", "winston"), List.of("egon", "ray"), lookup);
        assertThat(second.newProblems()).isEmpty();
        assertThat(asked).containsExactly("egon");

        clock.set(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(cache.slackUsers(Map.of(), List.of("egon"), lookup).newProblems()).isEmpty();
        assertThat(asked).containsExactly("egon", "egon");
    }

    @Test
    void aRateLimitEndsThePollsLookupsWithoutCountingAsAMiss() {
        slack.on("POST", "/users.lookupByEmail", Reply.rateLimited(20));
        Function<String, Lookup> lookup = byEmail(Map.of("egon", SPENGLER_EMAIL, "ray", "ray@ghostbusters.example.com"));

        SlackUserCache.Round round = cache.slackUsers(Map.of(), List.of("egon", "ray"), lookup);
        assertThat(round.newProblems()).containsExactly("users.lookupByEmail rate limited");
        assertThat(asked).containsExactly("egon");
        clock.set(clock.instant().plusSeconds(30));
        cache.slackUsers(Map.of(), List.of("egon", "ray"), lookup);
        assertThat(asked).containsExactly("egon", "egon");
    }

    @Test
    void aDeactivatedSlackUserIsNoOne() throws Exception {
        ObjectNode deleted = (ObjectNode) JSON.readTree(fixture("openapi_users.lookupByEmail_ok.json"));
        ((ObjectNode) deleted.path("user")).put("deleted", true);
        slack.on("POST", "/users.lookupByEmail", Reply.ok(deleted.toString()));

        assertThat(cache.slackUsers(Map.of(), List.of("egon"), byEmail(Map.of("egon", SPENGLER_EMAIL))).slackUsers())
                .isEmpty();
    }
}
