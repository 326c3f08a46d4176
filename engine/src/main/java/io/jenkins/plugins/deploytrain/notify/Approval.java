package io.jenkins.plugins.deploytrain.notify;

import java.time.Instant;

/** An approval read from the train's Slack thread, with who gave it and where it came from. */
public record Approval(String by, ApprovalCommand command, String source, String messageTs, Instant at) {
}
