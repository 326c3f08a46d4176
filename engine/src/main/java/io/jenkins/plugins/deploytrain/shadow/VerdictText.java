package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The verdict for people: a console log, a build log, a Slack thread reply. */
public final class VerdictText {
    private static final int MAX_VALUE_CHARS = 120;

    private VerdictText() {}

    public static String of(ShadowVerdict v) {
        StringBuilder s = new StringBuilder();
        s.append("shadow-diff ").append(v.passed() ? "PASSED" : "FAILED");
        if (!v.passed()) {
            s.append(": ").append(String.join("; ", v.failures()));
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, "pairs: %d compared: %d equal, %d equal after rules, %d unexpected (%.2f%%)",
                v.total(), v.equal(), v.equalAfterRules(), v.unexpected(), v.unexpectedRate() * 100));
        if (v.badLines() > 0) {
            s.append("; ").append(v.badLines()).append(v.badLines() == 1 ? " bad line" : " bad lines");
        }
        s.append('\n');
        if (!v.topPaths().isEmpty()) {
            s.append("\ntop unexpected paths (pairs):\n");
            v.topPaths().forEach(p -> s.append(String.format(Locale.ROOT, "  %8d  %s%n", p.pairs(), p.path())));
            if (v.otherPaths() > 0) {
                s.append(String.format(Locale.ROOT, "  %8d  (other paths, not itemised)%n", v.otherPaths()));
            }
        }
        if (!v.samples().isEmpty()) {
            s.append("\nsamples:\n");
            for (ShadowVerdict.Sample sample : v.samples()) {
                s.append("  line ").append(sample.line());
                if (!sample.request().isMissingNode()) {
                    s.append("  request ").append(abbreviate(sample.request()));
                }
                s.append('\n');
                sample.differences().forEach(d -> s.append("    ").append(difference(d)).append('\n'));
                if (sample.moreDifferences() > 0) {
                    s.append("    ... and ").append(sample.moreDifferences()).append(" more\n");
                }
            }
        }
        if (!v.rules().isEmpty()) {
            s.append("\nrules (differences accepted / pairs):\n");
            for (ShadowVerdict.RuleUse use : v.rules()) {
                s.append(String.format(Locale.ROOT, "  %8d / %-8d %s: %s%n",
                        use.differences(), use.pairs(), use.rule().describe(), use.rule().reason()));
            }
        }
        if (!v.badLineSamples().isEmpty()) {
            s.append("\nbad lines:\n");
            v.badLineSamples().forEach(b -> s.append("  line ").append(b.line()).append(": ").append(b.message()).append('\n'));
            if (v.badLines() > v.badLineSamples().size()) {
                s.append("  ... and ").append(v.badLines() - v.badLineSamples().size()).append(" more\n");
            }
        }
        if (!v.warnings().isEmpty()) {
            s.append("\nwarnings:\n");
            v.warnings().forEach(w -> s.append("  ").append(w).append('\n'));
        }
        return s.toString();
    }

    static String difference(Difference d) {
        String path = d.path().isEmpty() ? "(whole document)" : d.path();
        return switch (d.kind()) {
            case ADDED -> "added    " + path + " = " + abbreviate(d.newValue());
            case REMOVED -> "removed  " + path + " (was " + abbreviate(d.oldValue()) + ")";
            case CHANGED -> "changed  " + path + ": " + abbreviate(d.oldValue()) + " -> " + abbreviate(d.newValue());
        };
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}
