package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.notify.SlackApprovalInbox;
import io.jenkins.plugins.deploytrain.notify.SlackApprovals;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.notify.SlackTrainNotifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Replies in a train's Slack thread as approvals, for {@code run} while the train waits for a person. The newest
 * reply read is kept in the state folder ({@code slack-replies.properties}) once its approvals were applied, so a
 * reply is applied once, even across runs; a reply whose approval already is in the ledger (a run killed between
 * applying and recording) is not applied again.
 */
final class SlackThreadReplies {

    /**
     * @param approvals the new approvals, in the order they were posted
     * @param lastSeenTs the newest reply read; pass it to {@link #seen} once the approvals were applied
     * @param again when to read the thread again (Slack's Retry-After when rate limited)
     */
    record Poll(List<Approval> approvals, String lastSeenTs, Duration again) {}

    private final SlackClient client;
    private final SlackTrainNotifier notifier;
    private final String channel;
    private final SlackSettings settings;
    private final StateProperties lastSeen;
    private final Consumer<String> log;

    SlackThreadReplies(SlackClient client, SlackTrainNotifier notifier, String channel, SlackSettings settings, Path lastSeenFile,
            Consumer<String> log) {
        this.client = client;
        this.notifier = notifier;
        this.channel = channel;
        this.settings = settings;
        this.lastSeen = new StateProperties(lastSeenFile, "newest reply read in each train's Slack thread (train id = reply ts)");
        this.log = log;
    }

    Duration interval() {
        return settings.pollReplies();
    }

    /**
     * One read for a runner about to exit: a root message still on its way is waited for (at most {@code max}), so
     * a thread this run started is read rather than skipped.
     */
    Poll pollOnce(Train train, Duration max) throws InterruptedException {
        if (notifier.threadOf(train.id()).isEmpty()) {
            notifier.awaitIdle(max);
        }
        return poll(train);
    }

    /** Reads the replies posted since the last one recorded; never throws for a Slack problem (it is logged). */
    Poll poll(Train train) {
        Optional<String> thread = notifier.threadOf(train.id());
        String seen = lastSeen.read().get(train.id());
        if (thread.isEmpty()) {
            // Slack has not answered the root message yet
            return new Poll(List.of(), seen, settings.pollReplies());
        }
        SlackApprovals.Poll poll = new SlackApprovals(client, notifier.thread(train), settings.approvers(), settings.pollReplies())
                .poll(channel, thread.get(), seen);
        poll.problem().ifPresent(problem -> log.accept(problem + "; reading the thread again in " + Durations.format(poll.pollAgainIn())));
        List<Approval> fresh = poll.approvals().stream().map(a -> SlackApprovalInbox.toLedger(train.id(), a))
                .filter(a -> !train.approvals().contains(a)).toList();
        return new Poll(fresh, poll.lastSeenTs(), poll.pollAgainIn());
    }

    /** Records the newest reply read, once what it said was applied. */
    void seen(String trainId, String ts) {
        if (ts != null && !lastSeen.put(trainId, ts)) {
            log.accept("cannot record the last reply read in the state folder; a later run reads the thread from the start "
                    + "(approvals already in the ledger are not applied twice)");
        }
    }
}
