package io.jenkins.plugins.deploytrain.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One decision by a person about a train, kept in the ledger as given.
 *
 * @param target the target id ("environment/zone"), or null for an action on the whole train
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(String train, String target, ApprovalAction action, String by, String reason, Instant at) {
    public Approval {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (by.isBlank()) {
            throw new IllegalArgumentException("an approval needs the name of who gives it");
        }
    }
}
