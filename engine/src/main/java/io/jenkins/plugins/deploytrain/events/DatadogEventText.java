package io.jenkins.plugins.deploytrain.events;

import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deploy event as the body of Datadog's v1 event API: a title and text people read in the event stream, the
 * tags a dashboard filters and overlays by ({@code service}, {@code version}, {@code env}, {@code zone},
 * {@code tier}, {@code train}), one aggregation key per train so the stream rolls a train up, and the alert type
 * a Datadog user expects (success, error, warning, info). Pure.
 */
public final class DatadogEventText {

    /** Datadog's limits: a title of 100 characters, a text of 4,000. */
    static final int TITLE = 100;
    static final int TEXT = 4000;

    private DatadogEventText() {}

    /** @param sourceType Datadog's {@code source_type_name}: {@code jenkins} from the plugin */
    public static Map<String, Object> body(DeployEvent event, String sourceType) {
        DeployEvent.Release r = event.release();
        String release = r.service() + " " + r.version();
        String title;
        String text;
        String alert;
        DeployEvent.Place place = null;
        if (event instanceof DeployEvent.TrainStarted e) {
            title = "Train started: " + release;
            text = "Train " + r.train() + " of job " + r.job() + " started by " + e.by() + (e.why() == null ? "" : ": " + e.why());
            alert = "info";
        } else if (event instanceof DeployEvent.TargetStarted e) {
            place = e.place();
            title = "Deploying " + release + " to " + where(place);
            text = "Attempt " + e.attempt() + " of " + where(place) + " (train " + r.train() + ")";
            alert = "info";
        } else if (event instanceof DeployEvent.TargetEnded e) {
            place = e.place();
            boolean ok = e.outcome() == AttemptOutcome.SUCCEEDED;
            title = (ok ? "Deployed " : "Deploy failed: ") + release + (ok ? " to " : " on ") + where(place);
            text = "Attempt " + e.attempt() + " " + e.outcome().json()
                    + (e.duration() == null ? "" : " after " + Durations.format(e.duration()))
                    + (e.detail() == null ? "" : ": " + e.detail()) + " (train " + r.train() + ")";
            alert = ok ? "success" : "error";
        } else if (event instanceof DeployEvent.Paused e) {
            place = e.place();
            title = "Train waits: " + release + (place == null ? "" : " at " + where(place));
            text = (e.status() == TrainStatus.AWAITING_APPROVAL ? "Awaiting approval" : "Paused")
                    + (e.why() == null ? "" : ": " + e.why()) + " (train " + r.train() + ")";
            alert = "warning";
        } else if (event instanceof DeployEvent.Approved e) {
            place = e.place();
            title = e.by() + ": " + e.action() + " on " + release + (place == null ? "" : " at " + where(place));
            text = e.by() + " said " + e.action() + (e.silence() == null ? "" : ", silencing the monitors for " + Durations.format(e.silence()))
                    + (e.reason() == null ? "" : ": " + e.reason()) + " (train " + r.train() + ")";
            alert = "info";
        } else if (event instanceof DeployEvent.TrainEnded e) {
            title = "Train " + e.status().json() + ": " + release;
            text = "Train " + r.train() + " of job " + r.job() + " " + e.status().json() + (e.why() == null ? "" : ": " + e.why());
            alert = switch (e.status()) {
                case SUCCEEDED -> "success";
                case FAILED -> "error";
                default -> "warning";
            };
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", cut(title, TITLE));
        body.put("text", cut(text, TEXT));
        body.put("date_happened", event.at().getEpochSecond());
        body.put("alert_type", alert);
        body.put("priority", "normal");
        body.put("source_type_name", sourceType);
        body.put("aggregation_key", cut("deploy-train:" + r.job() + ":" + r.train(), 100));
        body.put("tags", tags(r, place));
        return body;
    }

    static List<String> tags(DeployEvent.Release r, DeployEvent.Place place) {
        List<String> tags = new ArrayList<>(List.of("service:" + r.service(), "version:" + r.version(), "train:" + r.train(),
                "deploy_job:" + r.job()));
        if (place != null) {
            tags.add("env:" + place.environment());
            tags.add("zone:" + place.zone());
            if (place.tier() != null) {
                tags.add("tier:" + place.tier());
            }
        }
        return tags;
    }

    private static String where(DeployEvent.Place place) {
        return place.environment() + "/" + place.zone();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
