package io.jenkins.plugins.deploytrain.notify;

import io.jenkins.plugins.deploytrain.config.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an approval from a Slack reply: an action word first ({@code proceed}, {@code retry}, {@code skip},
 * {@code abort}, any case), then optionally a silence duration (only with proceed), a target
 * {@code environment[/zone]}, and free text as the reason. Anything else is conversation, not a command.
 */
public final class ReplyParser {

    private static final Pattern COMMAND = Pattern.compile(
            "(?is)\\s*(proceed|retry|skip|abort)\\b[.!]?"
                    + "(?:\\s+(\\d+[dhms](?:\\d+[hms])*))?"
                    + "(?:\\s+([a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)?)(?=\\s|$))?"
                    + "(?:\\s+(.*))?");

    private ReplyParser() {
    }

    public static Optional<ApprovalCommand> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        // Slack may wrap a reply in formatting; a leading mention of the bot is not part of the command.
        String plain = text.replaceFirst("^\\s*<@[A-Z0-9]+>\\s*", "").replace('*', ' ').replace('_', ' ').strip();
        Matcher m = COMMAND.matcher(plain);
        if (!m.matches()) {
            return Optional.empty();
        }
        var action = ApprovalCommand.Action.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        Optional<Duration> silence = Optional.ofNullable(m.group(2)).map(d -> d.toLowerCase(Locale.ROOT)).flatMap(Durations::parse).filter(d -> !d.isZero());
        if (silence.isPresent() && action != ApprovalCommand.Action.PROCEED) {
            return Optional.empty();
        }
        Optional<String> target = Optional.ofNullable(m.group(3)).filter(t -> t.contains("/") || t.contains("-"));
        String reason = (target.isEmpty() && m.group(3) != null ? m.group(3) + " " : "") + (m.group(4) == null ? "" : m.group(4));
        return Optional.of(new ApprovalCommand(action, silence, target, reason.strip()));
    }
}
