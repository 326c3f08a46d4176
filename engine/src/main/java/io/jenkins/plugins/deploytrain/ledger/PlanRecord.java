package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a terraform target's latest plan was, as far as people and later plans need it: never a value from
 * the plan itself beyond the engine's redacted diff (sensitive values show as {@code (sensitive)}).
 *
 * @param attempt the target's attempt that ran the plan body (the plan the host keeps is found by it)
 * @param fingerprint {@code tfplan1:<sha-256>} of the plan normalised with the target's tokens
 * @param changes how many changes the plan makes (no-ops left out)
 * @param comparedWith the target whose approved plan it was compared with (identical, or the closest); null when none was approved
 * @param diff the normalised diff against that plan, line by line, cut to a readable length
 * @param drift addresses that changed outside Terraform in this target (shown, never compared)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanRecord(int attempt, String fingerprint, int changes, String comparedWith, List<String> diff,
        List<String> drift) {

    public PlanRecord {
        diff = List.copyOf(diff == null ? List.of() : diff);
        drift = List.copyOf(drift == null ? List.of() : drift);
    }
}
