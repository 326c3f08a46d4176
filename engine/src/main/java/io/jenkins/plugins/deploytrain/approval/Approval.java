package io.jenkins.plugins.deploytrain.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision by a person about a train, kept in the ledger as given.
 *
 * @param target the target id ("environment/zone"), or null for an action on the whole train
 * @param silenceFor with {@code proceed}: how long to silence what the failed gate saw firing (ISO-8601 in
 *     JSON, e.g. {@code PT2H}), or null for no silence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(String train, String target, ApprovalAction action, String by, String reason, Instant at, Duration silenceFor) {

    @JsonCreator
    public Approval {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (by.isBlank()) {
            throw new IllegalArgumentException("an approval needs the name of who gives it");
        }
        if (silenceFor != null && (silenceFor.isNegative() || silenceFor.isZero())) {
            throw new IllegalArgumentException("a silence lasts a positive duration, not " + silenceFor);
        }
        if (silenceFor != null && action != ApprovalAction.PROCEED) {
            throw new IllegalArgumentException("only proceed can silence the monitors, not " + action.json());
        }
    }

    /** An approval without a silence. */
    public Approval(String train, String target, ApprovalAction action, String by, String reason, Instant at) {
        this(train, target, action, by, reason, at, null);
    }

    public Optional<Duration> silence() {
        return Optional.ofNullable(silenceFor);
    }
}
