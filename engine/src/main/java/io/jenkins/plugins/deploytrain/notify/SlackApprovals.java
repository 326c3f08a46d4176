package io.jenkins.plugins.deploytrain.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the train's thread back (conversations.replies) and turns replies into approvals. The root
 * message, bot messages (including our own) and replies already seen are skipped; a reply from someone
 * the policy does not allow is ignored with a note in the thread. Never throws: a Slack problem
 * becomes {@link Poll#problem()} and the caller simply polls again later.
 */
public final class SlackApprovals {

    /** The approvals found, the newest reply ts seen (record it; pass it next time) and when to poll again. */
    public record Poll(List<Approval> approvals, String lastSeenTs, Optional<String> problem, Duration pollAgainIn) {
        public Poll {
            approvals = List.copyOf(approvals);
        }
    }

    private static final int MAX_PAGES = 20;

    private final SlackClient client;
    private final SlackNotifier notifier;
    private final ApproverPolicy policy;
    private final Duration interval;

    public SlackApprovals(SlackClient client, SlackNotifier notifier, ApproverPolicy policy, Duration interval) {
        this.client = client;
        this.notifier = notifier;
        this.policy = policy;
        this.interval = interval;
    }

    public Poll poll(String channel, String threadTs, String lastSeenTs) {
        List<Approval> approvals = new ArrayList<>();
        String newest = lastSeenTs;
        String cursor = null;
        int pages = 0;
        do {
            SlackResult result = client.replies(channel, threadTs, lastSeenTs, cursor);
            if (result instanceof SlackResult.RateLimited limited) {
                return new Poll(approvals, newest, Optional.of("conversations.replies rate limited"), limited.retryAfter());
            }
            if (result instanceof SlackResult.Failed failed) {
                return new Poll(approvals, newest, Optional.of(failed.describe("conversations.replies")), interval);
            }
            JsonNode body = ((SlackResult.Ok) result).body();
            for (JsonNode message : body.path("messages")) {
                String ts = message.path("ts").asText();
                if (ts.equals(threadTs) || !newer(ts, lastSeenTs) || isBot(message)) {
                    continue;
                }
                if (newer(ts, newest)) {
                    newest = ts;
                }
                read(message).ifPresent(approvals::add);
            }
            String next = body.path("response_metadata").path("next_cursor").asText("");
            // a cursor that does not move, or an endless thread, must not hold the train's poll forever
            cursor = next.equals(cursor) ? "" : next;
        } while (!cursor.isEmpty() && ++pages < MAX_PAGES);
        return new Poll(approvals, newest, Optional.empty(), interval);
    }

    private Optional<Approval> read(JsonNode message) {
        String text = message.path("text").asText();
        Optional<ApprovalCommand> command = ReplyParser.parse(text);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        String userId = message.path("user").asText();
        Optional<String> name = policy.nameOfSlackUser(userId);
        if (name.isEmpty() || !policy.mayApprove(name.get())) {
            notifier.publish(new TrainEvent.ApprovalIgnored(name.orElse("<@" + userId + ">"), text));
            return Optional.empty();
        }
        String ts = message.path("ts").asText();
        return Optional.of(new Approval(name.get(), command.get(), "slack", ts, instant(ts)));
    }

    private static boolean isBot(JsonNode message) {
        return message.hasNonNull("bot_id") || "bot_message".equals(message.path("subtype").asText());
    }

    /** Slack ts values are "seconds.micros" strings; compare them as numbers. */
    private static boolean newer(String ts, String than) {
        return than == null || than.isEmpty() || new BigDecimal(ts).compareTo(new BigDecimal(than)) > 0;
    }

    private static Instant instant(String ts) {
        BigDecimal seconds = new BigDecimal(ts);
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
}
