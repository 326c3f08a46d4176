package io.jenkins.plugins.deploytrain.notify;

import java.time.Duration;
import java.util.Optional;

/** What a reply asks for: {@code proceed 2h prod-aws-eu-west-1/eu-west-1a known flake}. */
public record ApprovalCommand(Action action, Optional<Duration> silence, Optional<String> target, String reason) {

    public enum Action { PROCEED, RETRY, SKIP, ABORT }
}
