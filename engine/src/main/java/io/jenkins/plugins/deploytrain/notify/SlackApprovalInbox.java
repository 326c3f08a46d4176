package io.jenkins.plugins.deploytrain.notify;

import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.approval.ApprovalInbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link ApprovalInbox} port on a train's Slack thread: each call reads the replies that arrived
 * since the last one. A silence duration ({@code proceed 2h}) becomes the approval's {@code silenceFor}.
 */
public final class SlackApprovalInbox implements ApprovalInbox {

    private final SlackApprovals approvals;
    private final String channel;
    private final Function<String, Optional<String>> threadOf;
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();

    /** @param threadOf the Slack thread of a train (see {@link SlackTrainNotifier#threadOf}) */
    public SlackApprovalInbox(SlackApprovals approvals, String channel, Function<String, Optional<String>> threadOf) {
        this.approvals = approvals;
        this.channel = channel;
        this.threadOf = threadOf;
    }

    @Override
    public List<io.jenkins.plugins.deploytrain.approval.Approval> take(String trainId) {
        Optional<String> thread = threadOf.apply(trainId);
        if (thread.isEmpty()) {
            return List.of();
        }
        SlackApprovals.Poll poll = approvals.poll(channel, thread.get(), lastSeen.get(trainId));
        if (poll.lastSeenTs() != null) {
            lastSeen.put(trainId, poll.lastSeenTs());
        }
        List<io.jenkins.plugins.deploytrain.approval.Approval> out = new ArrayList<>();
        for (Approval a : poll.approvals()) {
            out.add(toLedger(trainId, a));
        }
        return out;
    }

    /** A reply as the ledger's approval of the train: who (by the approver policy's name), what, when the reply was posted. */
    public static io.jenkins.plugins.deploytrain.approval.Approval toLedger(String trainId, Approval a) {
        ApprovalCommand c = a.command();
        return new io.jenkins.plugins.deploytrain.approval.Approval(trainId, c.target().orElse(null),
                ApprovalAction.valueOf(c.action().name()), a.by(), c.reason().isEmpty() ? null : c.reason(), a.at(),
                c.silence().orElse(null));
    }
}
