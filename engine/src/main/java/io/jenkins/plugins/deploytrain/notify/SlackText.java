package io.jenkins.plugins.deploytrain.notify;

import io.jenkins.plugins.deploytrain.config.Durations;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** Train events as Slack mrkdwn. Every value from outside is escaped, so a name cannot ping a channel or forge a link. */
public final class SlackText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private SlackText() {
    }

    /** Slack's three control characters. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Inline code that cannot be closed early by a backtick in the value. */
    static String code(String s) {
        return "`" + escape(s).replace("`", "'") + "`";
    }

    public static String root(TrainEvent.Started s) {
        String link = s.link() == null || s.link().isBlank() ? "" : " <" + escape(s.link()).replace("|", "%7C") + "|progress>";
        return ":steam_locomotive: Deploy train " + code(s.train()) + " version " + code(s.version()) + ": "
                + s.targets() + " targets in " + s.environments() + " environments." + link;
    }

    /** The root message, updated in place as the train moves. */
    public static String summary(TrainEvent.Started s, int done, String state) {
        return root(s) + "\n" + done + "/" + s.targets() + " targets done. " + escape(state);
    }

    public static String reply(TrainEvent e) {
        if (e instanceof TrainEvent.Started s) {
            return root(s);
        } else if (e instanceof TrainEvent.ZoneDone z) {
            return ":white_check_mark: " + code(z.environment() + "/" + z.zone()) + " done";
        } else if (e instanceof TrainEvent.EnvironmentDone d) {
            return ":white_check_mark: environment " + code(d.environment()) + " done (" + d.done() + "/" + d.total() + ")";
        } else if (e instanceof TrainEvent.GateFailed g) {
            String signals = g.signals().stream().limit(10).map(s -> "\n• " + escape(s)).collect(Collectors.joining());
            String more = g.signals().size() > 10 ? "\n• and " + (g.signals().size() - 10) + " more" : "";
            return ":red_circle: gate *" + escape(g.gate()) + "* failed at " + code(g.target()) + ": " + escape(g.reason())
                    + signals + more
                    + "\nThe train is paused. Reply `proceed`, `proceed 2h` (silence what fired for 2h), `retry`, `skip` or `abort`.";
        } else if (e instanceof TrainEvent.WaitingForWindow w) {
            return ":hourglass: " + code(w.target()) + " waits for its deploy window until "
                    + escape(ZonedDateTime.ofInstant(w.until(), w.zone()).format(WHEN));
        } else if (e instanceof TrainEvent.Approved a) {
            String silence = a.silence().map(d -> ", silencing what fired for " + Durations.format(d)).orElse("");
            String target = a.target().map(t -> " for " + code(t)).orElse("");
            String ids = a.silences().isEmpty() ? "" : " (" + escape(String.join(", ", a.silences())) + ")";
            return ":ok_hand: " + escape(a.action()) + target + " approved by " + escape(a.by()) + silence + ids;
        } else if (e instanceof TrainEvent.ApprovalIgnored i) {
            return ":no_entry: " + escape(i.who()) + " may not approve this train; ignored: " + code(i.text());
        } else if (e instanceof TrainEvent.Completed c) {
            return ":checkered_flag: train completed in " + Durations.format(c.took()) + " across " + c.environments() + " environments";
        }
        return ":x: train failed: " + escape(((TrainEvent.Failed) e).reason());
    }
}
