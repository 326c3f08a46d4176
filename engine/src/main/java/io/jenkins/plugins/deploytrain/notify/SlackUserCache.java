package io.jenkins.plugins.deploytrain.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which Slack user each Jenkins user is, for one train: the explicit {@code slackUsers} map first, then a
 * lookup per Jenkins user (their Slack user property, or Slack's users.lookupByEmail), remembered so that a
 * thread read every 30 seconds does not ask Slack about every approver every time.
 *
 * <ul>
 *   <li>a Slack user found is kept for the train (Slack user ids do not change);
 *   <li>a Jenkins user with no Slack user is asked about again after {@code missTtl} (they may have joined);
 *   <li>at most {@code lookupsPerRound} lookups happen per read, the rest wait for the next read, so a large
 *       approver list stays under Slack's rate limit for users.lookupByEmail (Tier 3, about 50 a minute);
 *   <li>a lookup Slack refuses (a missing scope, a bad token) ends the round and stops lookups for
 *       {@code missTtl}; a rate limit or an unreachable Slack ends the round only. Each problem is returned
 *       once, for the console.
 * </ul>
 */
public final class SlackUserCache {

    /** What one lookup of a Jenkins user came to. */
    public sealed interface Lookup {
        record Found(String slackUserId) implements Lookup {}

        record NotFound() implements Lookup {}

        /** Slack could not answer; {@code refused} when asking again soon cannot help (a missing scope, a bad token). */
        record Unavailable(String problem, boolean refused) implements Lookup {}

        /** users.lookupByEmail's answer: a deactivated Slack user approves nothing. */
        static Lookup ofLookupByEmail(SlackResult answer) {
            if (answer instanceof SlackResult.Ok ok) {
                JsonNode user = ok.body().path("user");
                String id = user.path("id").asText("");
                return id.isEmpty() || user.path("deleted").asBoolean(false) ? new NotFound() : new Found(id);
            }
            if (answer instanceof SlackResult.RateLimited) {
                return new Unavailable("users.lookupByEmail rate limited", false);
            }
            SlackResult.Failed failed = (SlackResult.Failed) answer;
            if (failed.error().equals("users_not_found")) {
                return new NotFound();
            }
            return new Unavailable(failed.describe("users.lookupByEmail"), !failed.retryable());
        }
    }

    /** Slack user id to Jenkins user id, and the problems not reported before. */
    public record Round(Map<String, String> slackUsers, List<String> newProblems) {
        public Round {
            slackUsers = Map.copyOf(slackUsers);
            newProblems = List.copyOf(newProblems);
        }
    }

    private final Clock clock;
    private final Duration missTtl;
    private final int lookupsPerRound;
    private final Map<String, String> found = new HashMap<>();
    private final Map<String, Instant> missedAt = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private Instant refusedUntil = Instant.MIN;

    public SlackUserCache(Clock clock, Duration missTtl, int lookupsPerRound) {
        if (missTtl.isNegative() || missTtl.isZero() || lookupsPerRound < 1) {
            throw new IllegalArgumentException("missTtl must be positive and lookupsPerRound at least 1");
        }
        this.clock = clock;
        this.missTtl = missTtl;
        this.lookupsPerRound = lookupsPerRound;
    }

    /** The engine's defaults: a miss is asked again after ten minutes, at most ten lookups per read. */
    public static SlackUserCache forTrain() {
        return new SlackUserCache(Clock.systemUTC(), Duration.ofMinutes(10), 10);
    }

    /**
     * @param explicit Slack user id to Jenkins user id, as configured; always wins
     * @param candidates the Jenkins users who could approve, in the order to look them up
     * @param lookup finds one Jenkins user's Slack user (called only on a cache miss)
     */
    public synchronized Round slackUsers(
            Map<String, String> explicit, Collection<String> candidates, Function<String, Lookup> lookup) {
        Map<String, String> users = new LinkedHashMap<>(explicit);
        Set<String> mapped = new HashSet<>(explicit.values());
        List<String> problems = new ArrayList<>();
        Instant now = clock.instant();
        int lookups = 0;
        boolean roundOver = now.isBefore(refusedUntil);
        for (String jenkinsUser : new LinkedHashSet<>(candidates)) {
            if (mapped.contains(jenkinsUser)) {
                continue;
            }
            String slackUser = found.get(jenkinsUser);
            if (slackUser == null && !roundOver && !missedRecently(jenkinsUser, now) && lookups < lookupsPerRound) {
                lookups++;
                Lookup answer = lookup.apply(jenkinsUser);
                if (answer instanceof Lookup.Found f) {
                    slackUser = f.slackUserId();
                    found.put(jenkinsUser, slackUser);
                    missedAt.remove(jenkinsUser);
                } else if (answer instanceof Lookup.NotFound) {
                    missedAt.put(jenkinsUser, now);
                } else {
                    Lookup.Unavailable unavailable = (Lookup.Unavailable) answer;
                    if (reported.add(unavailable.problem())) {
                        problems.add(unavailable.problem());
                    }
                    if (unavailable.refused()) {
                        refusedUntil = now.plus(missTtl);
                    }
                    roundOver = true;
                }
            }
            if (slackUser != null) {
                users.putIfAbsent(slackUser, jenkinsUser);
            }
        }
        return new Round(users, problems);
    }

    private boolean missedRecently(String jenkinsUser, Instant now) {
        Instant at = missedAt.get(jenkinsUser);
        return at != null && now.isBefore(at.plus(missTtl));
    }
}
