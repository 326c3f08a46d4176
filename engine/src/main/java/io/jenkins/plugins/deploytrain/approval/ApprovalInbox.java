package io.jenkins.plugins.deploytrain.approval;

import java.util.List;

/**
 * Where approvals arrive from (build page, Slack thread replies, the {@code approve} command). The host
 * delivers each one to the stepper's {@code onApproval}; this port lets a host poll a source that cannot
 * call back (a Slack thread).
 */
public interface ApprovalInbox {
    /** Approvals for the train that arrived since the last call; each is returned once. */
    List<Approval> take(String trainId);
}
