package io.jenkins.plugins.deploytrain.ui;

import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One poll of the view model, decided without rendering the train when nothing changed: the ETag is the ledger
 * revision plus a digest of the train id and of what the host adds beside the ledger (the open question, the
 * plan's start, whether this viewer may approve, the Slack link), so an unchanged train is a 304 that costs a
 * ledger read and a comparison. A page that holds the document of revision {@code since} is sent only the
 * targets changed since then (and the train's header); a revision this host cannot speak for gets the whole
 * document. Both hosts (the command line's served page, the Jenkins build page) answer through here, so they
 * agree on the contract of docs/ui.md.
 */
public final class ViewPoll {

    private ViewPoll() {}

    /**
     * What the host shows beside the ledger's train, and how to compose it. The plan is only asked for when a
     * body is sent; {@code planKey} says which plan it would be (the planning start, or empty for none) so that
     * a new plan is a new ETag.
     */
    public record Host(ViewModel.Awaiting awaiting, boolean mayApprove, String slackThread, String planKey,
            Supplier<ViewModel.Plan> plan) {
        public Host {
            Objects.requireNonNull(planKey, "planKey");
            Objects.requireNonNull(plan, "plan");
        }

        /** What the ETag covers besides the revision and the train id. */
        String variant() {
            return (awaiting == null ? "-" : awaiting.target() + "\n" + awaiting.reason() + "\n" + awaiting.choices()
                    + "\n" + awaiting.silenceDurations()) + "\n" + mayApprove + "\n" + slackThread + "\n" + planKey;
        }
    }

    /** The poll's answer. */
    public sealed interface Answer permits NotModified, Body, BadRequest {}

    /** 304 with this ETag and no body. */
    public record NotModified(String etag) implements Answer {}

    /** 200 with this JSON; {@code delta} says it holds the targets changed since the page's revision only. */
    public record Body(String etag, byte[] json, boolean delta) implements Answer {}

    /** 400: the request named no revision ({@code since} is not a whole number). */
    public record BadRequest(String reason) implements Answer {}

    /** The decision alone, before anything is rendered. */
    public sealed interface Decision permits Unchanged, Delta, Whole, Refused {}

    public record Unchanged() implements Decision {}

    public record Delta(ViewChanges.Since changes) implements Decision {}

    public record Whole() implements Decision {}

    public record Refused(String reason) implements Decision {}

    /**
     * The ETag of the document of {@code train} at ledger {@code revision} with what the host adds. Revisions
     * never repeat with another content (docs/ledger.md), so this names the document without rendering it.
     */
    public static String etag(long revision, String trainId, Host host) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(trainId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] digest = sha.digest(host.variant().getBytes(StandardCharsets.UTF_8));
            return "\"" + revision + "-" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * 304 when the page names the current ETag; else the changes since its revision when this history knows
     * them; else the whole document.
     *
     * @param ifNoneMatch the request's If-None-Match header, or null
     * @param since the request's {@code since} parameter, or null
     */
    public static Decision decide(String etag, long revision, String ifNoneMatch, String since, ViewChanges changes) {
        if (ViewModel.matches(ifNoneMatch, etag)) {
            return new Unchanged();
        }
        if (since == null || since.isEmpty()) {
            return new Whole();
        }
        long from;
        try {
            from = Long.parseLong(since.trim());
        } catch (NumberFormatException e) {
            return new Refused("since must be a ledger revision (a whole number), not '" + since + "'");
        }
        if (from < 0) {
            return new Refused("since must be a ledger revision (a whole number from 0), not '" + since + "'");
        }
        if (from > revision) {
            return new Whole();
        }
        Optional<ViewChanges.Since> known = changes.since(from);
        return known.<Decision>map(Delta::new).orElseGet(Whole::new);
    }

    /**
     * The answer to one poll of {@code train} as {@code ledger} holds it: shows the train to {@code changes} (once
     * per revision), decides, and renders only what is sent.
     */
    public static Answer answer(Ledger ledger, Train train, Host host, ViewChanges changes, String ifNoneMatch, String since) {
        long revision = ledger.revision();
        changes.look(revision, train);
        String etag = etag(revision, train.id(), host);
        Decision decision = decide(etag, revision, ifNoneMatch, since, changes);
        if (decision instanceof Unchanged) {
            return new NotModified(etag);
        }
        if (decision instanceof Refused refused) {
            return new BadRequest(refused.reason());
        }
        if (decision instanceof Delta delta) {
            ViewChanges.Since changed = delta.changes();
            ViewModel part = ViewModel.of(ViewModel.changedPart(train, changed), host.awaiting(), host.plan().get(),
                    host.mayApprove(), host.slackThread());
            return new Body(etag, part.renderDelta(revision, changed), true);
        }
        ViewModel whole = ViewModel.of(train, host.awaiting(), host.plan().get(), host.mayApprove(), host.slackThread());
        return new Body(etag, whole.render(revision), false);
    }
}
