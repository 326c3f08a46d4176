package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * A silence (Alertmanager) or downtime (Datadog) a train put on a failed gate's alerts after an approval, from
 * the intent written before the call to its expiry.
 *
 * @param key the approval it belongs to ({@code <train>#approval-<n>}, n its position in the train's approvals);
 *     also written into the silence's comment, so a successor can find what a killed process created
 * @param system {@code alertmanager} or {@code datadog}; null while only intended or when nothing was silenced
 * @param id the silence or downtime id; null while only intended or when nothing was silenced
 * @param scope what it mutes, in words (the matchers, the monitor and scope)
 * @param until when it ends by itself
 * @param expiredAt when the train expired it (or it ended)
 * @param note why nothing was silenced, or why expiring failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainSilence(String key, String target, String gate, SilenceState state, String system, String id, String scope,
        Instant until, Instant expiredAt, String note) {

    public TrainSilence {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
    }

    public static String keyOf(String train, int approvalIndex) {
        return train + "#approval-" + approvalIndex;
    }

    public static TrainSilence intent(String key, String target, String gate, Instant until) {
        return new TrainSilence(key, target, gate, SilenceState.INTENDED, null, null, null, until, null, null);
    }

    public TrainSilence withState(SilenceState next, Instant expired, String why) {
        return new TrainSilence(key, target, gate, next, system, id, scope, until, expired, why);
    }
}
