package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.model.Job;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverCheck;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.notify.ApproverPolicy;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Who may approve a train from Slack: the Slack users mapped to Jenkins users (the global map, with the train
 * file's {@code approvers.slack} on top) whose Jenkins user may approve this job's train, by the same rules as
 * the train's page (Approve permission, then the train's or the global approver list). The permission lookups
 * (a security realm query per user) are made once per {@link #FRESH_FOR}, not on every read of the thread.
 */
final class SlackApprovers implements Supplier<ApproverPolicy> {

    /** Long enough that a 30 s poll does not query the realm each time; short enough that a revocation counts. */
    static final Duration FRESH_FOR = Duration.ofMinutes(5);

    private final Job<?, ?> job;
    private final SlackSettings train;
    private final Supplier<ApproverList> list;
    private final Clock clock;
    /** More Slack users found for the approvers (issue 18: through the Slack plugin's user lookup), on top of the map. */
    private final BiFunction<Map<String, String>, ApproverList, Map<String, String>> found;

    private ApproverPolicy cached;
    private Instant cachedAt;

    SlackApprovers(Job<?, ?> job, SlackSettings train, Supplier<ApproverList> list, Clock clock) {
        this(job, train, list, clock, (users, approvers) -> users);
    }

    SlackApprovers(
            Job<?, ?> job,
            SlackSettings train,
            Supplier<ApproverList> list,
            Clock clock,
            BiFunction<Map<String, String>, ApproverList, Map<String, String>> found) {
        this.job = job;
        this.train = train;
        this.list = list;
        this.clock = clock;
        this.found = found;
    }

    @Override
    public synchronized ApproverPolicy get() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(FRESH_FOR))) {
            cached = lookUp();
            cachedAt = now;
        }
        return cached;
    }

    private ApproverPolicy lookUp() {
        Map<String, String> users = new LinkedHashMap<>(DeployTrainGlobalConfiguration.get().getSlackUserMap());
        users.putAll(train.approvers().slackUsers());
        ApproverList approvers = list.get();
        users = found.apply(users, approvers);
        Set<String> allowed = users.values().stream()
                .distinct()
                .filter(user -> ApproverCheck.mayApprove(job, approvers, user))
                .collect(Collectors.toSet());
        return new ApproverPolicy(allowed, Set.of(), users, Map.of());
    }
}
