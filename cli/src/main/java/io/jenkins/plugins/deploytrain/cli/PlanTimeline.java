package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.fleet.Tier;
import io.jenkins.plugins.deploytrain.plan.ScheduledStep;
import io.jenkins.plugins.deploytrain.plan.TrainCalendar;
import io.jenkins.plugins.deploytrain.plan.TrainSchedule;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.window.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan as one self-contained HTML page: environments as rows, time as columns, the hours each
 * environment may be deployed shaded, each zone's deploy a bar. No script, no external resource;
 * every name from the files is escaped.
 */
final class PlanTimeline {

    private static final int LABEL_WIDTH = 280;
    private static final int CHART_WIDTH = 1400;
    private static final int ROW_HEIGHT = 22;
    private static final int HEADER_HEIGHT = 34;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private static final Map<Tier, String> TIER_COLOURS = Map.of(
            Tier.STAGING, "#7b8794", Tier.SHADOW, "#9b59b6", Tier.PRIMARY, "#d35400",
            Tier.PRODUCTION, "#1f6feb", Tier.DEDICATED, "#b7950b");

    private PlanTimeline() {}

    static String render(TrainSpec train, TrainSchedule schedule, TrainCalendar calendar, ZoneId zone) {
        Map<String, List<ScheduledStep>> rows = new LinkedHashMap<>();
        schedule.steps().forEach(s -> rows.computeIfAbsent(s.step().target().environment(), k -> new ArrayList<>()).add(s));
        Instant from = schedule.start();
        Instant to = schedule.eta().isAfter(from) ? schedule.eta() : from.plus(Duration.ofHours(1));
        Scale x = new Scale(from, to);
        int height = HEADER_HEIGHT + rows.size() * ROW_HEIGHT + 10;
        int width = LABEL_WIDTH + CHART_WIDTH + 20;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"timeline of the train\">\n");
        dayLines(svg, from, to, zone, x, height);
        int y = HEADER_HEIGHT;
        for (Map.Entry<String, List<ScheduledStep>> row : rows.entrySet()) {
            String env = row.getKey();
            svg.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 15).append("\">")
                    .append(esc(env)).append("</text>\n");
            svg.append("<rect class=\"row\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(CHART_WIDTH).append("\" height=\"").append(ROW_HEIGHT - 4).append("\"/>\n");
            for (Interval open : calendar.calendar(env).openIntervals(from, to)) {
                svg.append("<rect class=\"open\" x=\"").append(x.at(open.start())).append("\" y=\"").append(y + 2)
                        .append("\" width=\"").append(x.width(open.start(), open.end(), 0)).append("\" height=\"")
                        .append(ROW_HEIGHT - 4).append("\"/>\n");
            }
            for (ScheduledStep s : row.getValue()) {
                if (!s.step().bakeAfter().isZero()) {
                    Instant bakeEnd = s.end().plus(s.step().bakeAfter());
                    svg.append("<rect class=\"bake\" x=\"").append(x.at(s.end())).append("\" y=\"").append(y + 8)
                            .append("\" width=\"").append(x.width(s.end(), bakeEnd, 1)).append("\" height=\"6\"><title>bake ")
                            .append(esc(s.step().bakeAfter().toString())).append(" until ").append(esc(bakeEnd.atZone(zone).format(TIME)))
                            .append("</title></rect>\n");
                }
                svg.append("<rect x=\"").append(x.at(s.start())).append("\" y=\"").append(y + 4).append("\" width=\"")
                        .append(x.width(s.start(), s.end(), 2)).append("\" height=\"").append(ROW_HEIGHT - 8).append("\" fill=\"")
                        .append(TIER_COLOURS.get(s.step().tier())).append("\"><title>").append(esc(s.step().target().id())).append(" (")
                        .append(esc(s.step().tier().yamlName())).append(") ").append(esc(s.start().atZone(zone).format(TIME)))
                        .append(" to ").append(esc(s.end().atZone(zone).format(TIME))).append("</title></rect>\n");
            }
            y += ROW_HEIGHT;
        }
        svg.append("</svg>\n");

        String title = train.service() + " " + train.version().orElse("") + ": plan";
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n")
                .append("<style>\n")
                .append("body{font:14px system-ui,sans-serif;margin:20px;color:#1b1f24}\n")
                .append(".label{font-size:12px;text-anchor:end;fill:#1b1f24}\n")
                .append(".day{font-size:11px;fill:#57606a}\n")
                .append(".dayline{stroke:#d0d7de;stroke-width:1}\n")
                .append(".row{fill:#f6f8fa}\n.open{fill:#d8f3dc}\n.bake{fill:#f0b429}\n")
                .append(".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 14px;vertical-align:middle}\n")
                .append("table{border-collapse:collapse;margin-top:20px}td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #eaeef2}\n")
                .append(".chart{overflow-x:auto}\n")
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(esc(title)).append("</h1>\n");
        html.append("<p>").append(schedule.steps().size()).append(" zones from ").append(esc(from.atZone(zone).format(TIME)))
                .append(" to the ETA <strong>").append(esc(schedule.eta().atZone(zone).format(TIME))).append("</strong> (")
                .append(esc(zone.getId())).append(").</p>\n");
        html.append("<p class=\"legend\"><span style=\"background:#d8f3dc\"></span>deploys allowed");
        for (Tier tier : Tier.values()) {
            html.append("<span style=\"background:").append(TIER_COLOURS.get(tier)).append("\"></span>").append(tier.yamlName());
        }
        html.append("<span style=\"background:#f0b429\"></span>bake</p>\n");
        html.append("<div class=\"chart\">\n").append(svg).append("</div>\n");
        html.append("<table>\n<tr><th>#</th><th>environment</th><th>zone</th><th>tier</th><th>start</th><th>end</th></tr>\n");
        for (ScheduledStep s : schedule.steps()) {
            html.append("<tr><td>").append(s.step().index()).append("</td><td>").append(esc(s.step().target().environment()))
                    .append("</td><td>").append(esc(s.step().target().zone())).append("</td><td>").append(esc(s.step().tier().yamlName()))
                    .append("</td><td>").append(esc(s.start().atZone(zone).format(TIME))).append("</td><td>")
                    .append(esc(s.end().atZone(zone).format(TIME))).append("</td></tr>\n");
        }
        html.append("</table>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void dayLines(StringBuilder svg, Instant from, Instant to, ZoneId zone, Scale x, int height) {
        for (LocalDate day = LocalDate.ofInstant(from, zone).plusDays(1); day.atStartOfDay(zone).toInstant().isBefore(to); day = day.plusDays(1)) {
            Instant midnight = day.atStartOfDay(zone).toInstant();
            String at = x.at(midnight);
            svg.append("<line class=\"dayline\" x1=\"").append(at).append("\" x2=\"").append(at).append("\" y1=\"16\" y2=\"")
                    .append(height).append("\"/>\n");
            svg.append("<text class=\"day\" x=\"").append(at).append("\" y=\"12\">").append(esc(day.format(DAY))).append("</text>\n");
        }
    }

    /** Instants to x coordinates. */
    private record Scale(Instant from, Instant to) {
        String at(Instant t) {
            double fraction = (double) Duration.between(from, t).toSeconds() / Duration.between(from, to).toSeconds();
            return format(LABEL_WIDTH + Math.max(0, Math.min(1, fraction)) * CHART_WIDTH);
        }

        String width(Instant start, Instant end, double minimum) {
            double w = (double) Duration.between(start, end).toSeconds() / Duration.between(from, to).toSeconds() * CHART_WIDTH;
            return format(Math.max(minimum, w));
        }

        private static String format(double v) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
