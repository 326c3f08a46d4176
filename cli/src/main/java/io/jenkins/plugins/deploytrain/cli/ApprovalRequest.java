package io.jenkins.plugins.deploytrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.approval.SilenceRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/**
 * The view's approval POST body (view-model.schema.json, {@code $defs/approvalRequest}) read into the ledger's
 * {@link Approval}; who and when come from the host, never from the body.
 */
final class ApprovalRequest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("train", "target", "action", "silenceFor", "reason");

    private ApprovalRequest() {}

    /** The approval, or an IllegalArgumentException whose message is the one-line reason for a 400. */
    static Approval parse(byte[] body, String by, Instant at) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object with train, target and action");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'; allowed are " + FIELDS.stream().sorted().toList());
            }
        }
        String train = text(root, "train", true);
        String target = text(root, "target", false);
        String action = text(root, "action", true);
        String reason = text(root, "reason", false);
        ApprovalAction parsed;
        try {
            parsed = ApprovalAction.parse(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("action: " + e.getMessage());
        }
        Duration silenceFor = silenceFor(text(root, "silenceFor", false), parsed);
        return new Approval(train, target, parsed, by, reason == null || reason.isBlank() ? null : reason, at, silenceFor);
    }

    /** The engine's rule ({@link SilenceRequest}); null when not given. */
    private static Duration silenceFor(String text, ApprovalAction action) {
        try {
            return SilenceRequest.read(text, action);
        } catch (SilenceRequest.Refused refused) {
            throw new IllegalArgumentException(switch (refused.problem()) {
                case NOT_A_POSITIVE_DURATION -> "field 'silenceFor' must be a positive duration like 30m, 2h or PT1H, not '" + text + "'";
                case NOT_WITH_THIS_ACTION -> "field 'silenceFor' goes only with action proceed, not " + action.json();
            });
        }
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new IllegalArgumentException("field '" + field + "' is missing");
            }
            return null;
        }
        if (!node.isTextual() || (required && node.asText().isBlank())) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string, not " + node);
        }
        return node.asText();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
