package io.jenkins.plugins.deploytrain.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.plan.ScheduledStep;
import io.jenkins.plugins.deploytrain.reconcile.Decision;
import io.jenkins.plugins.deploytrain.reconcile.TrainEta;
import io.jenkins.plugins.deploytrain.plan.TrainSchedule;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The document both hosts serve at the view's data-state-url (view-model.schema.json, docs/ui.md),
 * composed in one place so the CLI and Jenkins cannot drift apart, with its ETag.
 *
 * @param ledgerTrain one train as the ledger writes it (LedgerJson's mapper, {@code valueToTree(train)})
 * @param awaiting the question the train waits on, or null
 * @param slackThread the train's Slack thread; anything but an absolute http(s) URL is left out
 */
public record ViewModel(JsonNode ledgerTrain, Awaiting awaiting, Plan plan, boolean mayApprove, String slackThread) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ViewModel {
        Objects.requireNonNull(ledgerTrain, "ledgerTrain");
        Objects.requireNonNull(plan, "plan");
        if (!ledgerTrain.isObject() || !ledgerTrain.path("targets").isArray()) {
            throw new IllegalArgumentException("ledgerTrain must be a ledger train object with its targets");
        }
    }

    /**
     * The reconciler's AwaitApproval, as the view shows it.
     *
     * @param target the target asked about, or null for the whole train
     * @param choices approval actions in their JSON spelling ("proceed", "mark-succeeded", ...)
     * @param silenceDurations ISO-8601 durations the view offers with "proceed" when a failed gate paused
     *     the target; empty for the view's own list
     */
    public record Awaiting(String target, String reason, List<String> choices, List<String> silenceDurations) {
        public Awaiting {
            Objects.requireNonNull(reason, "reason");
            choices = List.copyOf(choices);
            silenceDurations = silenceDurations == null ? List.of() : List.copyOf(silenceDurations);
        }

        /** The reconciler's question; silenceDurations null for the view's own list. */
        public static Awaiting of(Decision.AwaitApproval question, List<String> silenceDurations) {
            List<String> choices = question.choices().stream().map(ApprovalAction::json).toList();
            return new Awaiting(question.target(), question.reason(), choices, silenceDurations);
        }
    }

    /** The view model of a train as the ledger holds it. */
    public static ViewModel of(Train train, Awaiting awaiting, Plan plan, boolean mayApprove, String slackThread) {
        return new ViewModel(LedgerJson.mapper().valueToTree(train), awaiting, plan, mayApprove, slackThread);
    }

    /** One step still to run with its planned times. */
    public record PlannedStep(String target, Instant plannedStart, Instant plannedFinish) {
        public PlannedStep {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(plannedStart, "plannedStart");
        }
    }

    /**
     * What the ETA planner says now; nextWindowOpensAt and waitReason only while the train waits for a window.
     *
     * @param etaBasis what the eta assumes (planned, if approved now, completed); null with no eta
     */
    public record Plan(Instant eta, Instant nextWindowOpensAt, String waitReason, List<PlannedStep> steps, TrainEta.Basis etaBasis) {
        public Plan {
            steps = List.copyOf(steps);
            if (eta == null) {
                etaBasis = null;
            } else if (etaBasis == null) {
                etaBasis = TrainEta.Basis.PLANNED;
            }
        }

        /** A plan whose eta, if any, is the planner's. */
        public Plan(Instant eta, Instant nextWindowOpensAt, String waitReason, List<PlannedStep> steps) {
            this(eta, nextWindowOpensAt, waitReason, steps, null);
        }

        /** No ETA, nothing planned: a train that is over. */
        public static Plan none() {
            return new Plan(null, null, null, List.of());
        }

        /** This plan with the train's ETA as the progress line says it (none: no ETA). */
        public Plan withEta(Optional<TrainEta> trainEta) {
            return new Plan(trainEta.map(TrainEta::at).orElse(null), nextWindowOpensAt, waitReason, steps,
                    trainEta.map(TrainEta::basis).orElse(null));
        }

        /** The planner's dry run, keeping the steps whose target is still to run. */
        public static Plan of(TrainSchedule schedule, Predicate<String> stillToRun, Instant nextWindowOpensAt, String waitReason) {
            List<PlannedStep> steps = schedule.steps().stream()
                    .filter(s -> stillToRun.test(s.step().target().id()))
                    .map(ViewModel::planned)
                    .toList();
            return new Plan(schedule.eta(), nextWindowOpensAt, waitReason, steps);
        }
    }

    private static PlannedStep planned(ScheduledStep s) {
        return new PlannedStep(s.step().target().id(), s.start(), s.end());
    }

    /** The document's bytes (UTF-8 JSON). */
    public byte[] render() {
        return bytes(tree());
    }

    /** The document of the ledger at {@code revision}: a page may ask for what changed since (ViewPoll). */
    public byte[] render(long revision) {
        ObjectNode root = tree();
        root.put("revision", revision);
        return bytes(root);
    }

    /**
     * A delta: this model holds only the {@link #changedPart} of the train; {@code delta} tells the page which
     * revision it applies to and how much of its audit to keep (docs/ui.md, "Conditional polls").
     */
    public byte[] renderDelta(long revision, ViewChanges.Since changes) {
        ObjectNode root = tree();
        root.put("revision", revision);
        ObjectNode delta = root.putObject("delta");
        delta.put("since", changes.since());
        delta.put("auditFrom", changes.auditFrom());
        return bytes(root);
    }

    /**
     * The train with only the targets changed since the page's revision and the audit entries it lacks; the
     * header, approvals and silences (a few entries each) whole.
     */
    public static Train changedPart(Train train, ViewChanges.Since changes) {
        List<TargetRecord> targets = train.targets().stream().filter(t -> changes.targets().contains(t.id())).toList();
        List<AuditEntry> audit = train.audit().subList(Math.min(changes.auditFrom(), train.audit().size()), train.audit().size());
        return new Train(train.id(), train.service(), train.version(), train.status(), train.created(), train.by(),
                targets, train.approvals(), audit, train.finished(), train.reason(), train.silences());
    }

    private ObjectNode tree() {
        ObjectNode root = JSON.createObjectNode();
        root.set("ledger-train", ledgerTrain);
        if (awaiting == null) {
            root.putNull("awaiting");
        } else {
            ObjectNode a = root.putObject("awaiting");
            a.put("target", awaiting.target());
            a.put("reason", awaiting.reason());
            awaiting.choices().forEach(a.putArray("choices")::add);
            if (!awaiting.silenceDurations().isEmpty()) {
                awaiting.silenceDurations().forEach(a.putArray("silenceDurations")::add);
            }
        }
        ObjectNode p = root.putObject("plan");
        p.put("eta", text(plan.eta()));
        if (plan.etaBasis() != null && plan.etaBasis() != TrainEta.Basis.PLANNED) {
            // absent means the planner's ETA, so that documents of plans without a question keep their bytes and ETag
            p.put("etaBasis", plan.etaBasis().json());
        }
        p.put("nextWindowOpensAt", text(plan.nextWindowOpensAt()));
        p.put("waitReason", plan.waitReason());
        ArrayNode steps = p.putArray("steps");
        for (PlannedStep s : plan.steps()) {
            ObjectNode step = steps.addObject();
            step.put("target", s.target());
            step.put("plannedStart", s.plannedStart().toString());
            if (s.plannedFinish() != null) {
                step.put("plannedFinish", s.plannedFinish().toString());
            }
        }
        root.putObject("viewer").put("mayApprove", mayApprove);
        root.putObject("links").put("slackThread", httpUrlOrNull(slackThread));
        return root;
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serializes", e);
        }
    }

    /** A strong ETag of the rendered bytes: equal documents, equal tags, so an unchanged poll is a 304. */
    public static String etag(byte[] document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(document);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether an If-None-Match header names this ETag (a list, or *), so the host answers 304. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String httpUrlOrNull(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
