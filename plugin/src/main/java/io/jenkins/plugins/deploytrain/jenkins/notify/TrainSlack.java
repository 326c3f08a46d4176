package io.jenkins.plugins.deploytrain.jenkins.notify;

import hudson.model.Job;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import io.jenkins.plugins.deploytrain.jenkins.gate.ControllerHttp;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.jenkins.slackplugin.SlackPluginApprovers;
import io.jenkins.plugins.deploytrain.notify.ApproverPolicy;
import io.jenkins.plugins.deploytrain.notify.SlackApprovalInbox;
import io.jenkins.plugins.deploytrain.notify.SlackApprovals;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackNotifier;
import io.jenkins.plugins.deploytrain.notify.SlackTrainNotifier;
import io.jenkins.plugins.deploytrain.notify.SlackUserCache;
import io.jenkins.plugins.deploytrain.reconcile.Notifier;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Slack side of one build's train while the build runs: the engine's {@link SlackTrainNotifier} (one
 * thread per train, never blocking the train) and the reading of replies in that thread as approvals.
 * The thread and the newest reply read are kept in the job's folder ({@link SlackThreads}), so a resumed
 * build, or the next build continuing the train, keeps its thread and reads no reply twice.
 *
 * <p>Replies are read with the engine's {@link SlackApprovals} rather than its in-memory
 * {@code SlackApprovalInbox}, because the position in the thread must survive a restart: read again, an
 * old {@code retry} would retry again.
 */
public final class TrainSlack implements AutoCloseable {

    /** How long a build that ends waits, off every Jenkins thread that matters, for its last messages to go out. */
    private static final Duration LAST_WORDS = Duration.ofSeconds(10);

    /** The approvals read since the last call, and when to read again (Slack's Retry-After when rate limited). */
    public record Replies(List<Approval> approvals, Duration pollAgainIn) {}

    /** Built from Jenkins' proxy settings; one per train thread, closed with it. */
    private final HttpClient http;

    private final SlackClient client;
    private final SlackSetup setup;
    private final SlackThreads threads;
    private final SlackTrainNotifier notifier;
    private final Consumer<String> log;
    /** Posts notes into the thread while reading it (a reply from someone who may not approve). */
    private SlackNotifier notes;

    private String lastProblem;

    /** Issue 18: which Slack user each approver is, for this train (see {@link SlackPluginApprovers}). */
    private final SlackUserCache approversOnSlack = SlackUserCache.forTrain();

    private TrainSlack(SlackSetup setup, SlackThreads threads, String link, Consumer<String> log) {
        Duration timeout = Duration.ofSeconds(10);
        this.http = ControllerHttp.newClient(timeout);
        this.client = new SlackClient(setup.api(), setup.token(), timeout, http);
        this.setup = setup;
        this.threads = threads;
        this.log = log;
        this.notifier = new SlackTrainNotifier(
                client,
                setup.channel(),
                SlackNotifier.Settings.DEFAULT,
                link,
                threads.threads(),
                this::threadStarted,
                message -> log.accept(Messages.TrainSlack_problem(message)));
    }

    /**
     * @param link the build's page, in the thread's root message
     * @param log the build's console, for Slack problems (never with the token)
     */
    public static TrainSlack open(SlackSetup setup, Job<?, ?> job, String link, Consumer<String> log) {
        return new TrainSlack(setup, SlackThreads.of(job), link, log);
    }

    public Notifier notifier() {
        return notifier;
    }

    /** A line in the train's thread, once it has one. */
    public void say(String trainId, String text) {
        notifier.threadOf(trainId).ifPresent(thread -> notes(thread).say(text));
    }

    /**
     * Reads the replies of the train's thread that arrived since the last read (by this build or an earlier
     * one) and returns those that are approvals from people the policy allows; others get a note in the
     * thread. Never throws: a Slack problem is logged once and the next read tries again.
     */
    public synchronized Replies replies(String trainId, ApproverPolicy policy) {
        Optional<String> thread = notifier.threadOf(trainId);
        if (thread.isEmpty()) {
            // the root message is not answered yet: nothing can have been replied to it
            return new Replies(List.of(), setup.pollReplies());
        }
        SlackApprovals.Poll poll = new SlackApprovals(client, notes(thread.get()), policy, setup.pollReplies())
                .poll(setup.channel(), thread.get(), lastSeen(trainId));
        String problem = poll.problem().orElse(null);
        if (problem != null && !problem.equals(lastProblem)) {
            log.accept(Messages.TrainSlack_problem(problem));
        }
        lastProblem = problem;
        if (poll.lastSeenTs() != null && !poll.lastSeenTs().equals(lastSeen(trainId))) {
            try {
                threads.seen(trainId, poll.lastSeenTs());
            } catch (UncheckedIOException e) {
                log.accept(Messages.TrainSlack_problem(e.getMessage()));
            }
        }
        List<Approval> approvals = poll.approvals().stream()
                .map(reply -> SlackApprovalInbox.toLedger(trainId, reply))
                .toList();
        return new Replies(approvals, poll.pollAgainIn());
    }

    /**
     * Issue 18: Slack user id to Jenkins user id, the explicit map first, then the approvers found through
     * the Slack plugin with this thread's token; without the Slack plugin, the explicit map.
     */
    public Map<String, String> approversOnSlack(Map<String, String> explicit, ApproverList approvers) {
        return SlackPluginApprovers.slackUsers(
                approversOnSlack, client, explicit, approvers, message -> log.accept(Messages.TrainSlack_problem(message)));
    }

    /** Lets the queued messages go out (at most {@link #LAST_WORDS}), then stops, without holding the caller. */
    public void closeWhenSent() {
        SlackNotifier thread;
        synchronized (this) {
            thread = notes;
        }
        BlockingWork.get().submit(() -> {
            try {
                notifier.awaitIdle(LAST_WORDS);
                if (thread != null) {
                    thread.awaitIdle(LAST_WORDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        });
    }

    @Override
    public synchronized void close() {
        notifier.close();
        if (notes != null) {
            notes.close();
        }
        // HttpClient is AutoCloseable from Java 21 on: close its selector thread there, else it ends when unreachable
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.accept(Messages.TrainSlack_problem(String.valueOf(e.getMessage())));
            }
        }
    }

    private String lastSeen(String trainId) {
        try {
            return threads.lastSeen(trainId).orElse(null);
        } catch (UncheckedIOException e) {
            log.accept(Messages.TrainSlack_problem(e.getMessage()));
            return null;
        }
    }

    private synchronized SlackNotifier notes(String thread) {
        if (notes == null || !Objects.equals(notes.threadTs().orElse(null), thread)) {
            if (notes != null) {
                notes.close();
            }
            notes = new SlackNotifier(
                    client,
                    setup.channel(),
                    thread,
                    SlackNotifier.Settings.DEFAULT,
                    ts -> {},
                    message -> log.accept(Messages.TrainSlack_problem(message)));
        }
        return notes;
    }

    private void threadStarted(String trainId, String ts) {
        try {
            threads.threadStarted(trainId, ts);
        } catch (UncheckedIOException e) {
            // the thread goes on in this build; a resumed build would open a new one
            log.accept(Messages.TrainSlack_problem(e.getMessage()));
        }
    }
}
