package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which version runs where, as a job's ledger knows it: for each environment x zone, the version whose
 * deploy last succeeded there, and the version a train is rolling there now, if any.
 *
 * <p>"Last" is by when the deploy ended, so a rollback train that succeeded after a newer release shows
 * the rolled-back version. A target counts as rolling once an unfinished train has started deploying it
 * (it has an attempt) and until it succeeds; a pending target of a running train is not rolling yet,
 * nor is one that was skipped.
 *
 * @param environments in plan order of the newest train, then those only older trains had
 * @param zones in the same order of first appearance
 * @param rows one per environment, with one cell per zone (empty where no train ever went)
 */
public record VersionMatrix(String job, List<String> environments, List<String> zones, List<Row> rows) {

    public VersionMatrix {
        environments = List.copyOf(environments);
        zones = List.copyOf(zones);
        rows = List.copyOf(rows);
    }

    public record Row(String environment, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * @param deployed the last successful deploy there, null when none
     * @param rolling the deploy in progress there, null when none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String environment, String zone, Deployed deployed, Rolling rolling) {
        /** Whether any train ever went there: the pair may be absent from every train's plan. */
        @JsonIgnore
        public boolean known() {
            return deployed != null || rolling != null;
        }
    }

    /** @param at when the successful deploy ended */
    public record Deployed(String version, String train, Instant at) {}

    /** @param status where the deploy stands: deploying, soaking, verifying, failed, paused or awaiting approval */
    public record Rolling(String version, String train, TargetStatus status) {}

    public static VersionMatrix of(Ledger ledger) {
        Set<String> environments = new LinkedHashSet<>();
        Set<String> zones = new LinkedHashSet<>();
        List<Train> trains = ledger.trains();
        for (int i = trains.size() - 1; i >= 0; i--) {
            trains.get(i).targets().stream().sorted(Comparator.comparingInt(TargetRecord::index)).forEach(t -> {
                environments.add(t.environment());
                zones.add(t.zone());
            });
        }
        Map<String, Deployed> deployed = new HashMap<>();
        Map<String, Rolling> rolling = new HashMap<>();
        for (Train train : ledger.trains()) {
            for (TargetRecord target : train.targets()) {
                String key = TargetRecord.idOf(target.environment(), target.zone());
                if (target.status() == TargetStatus.SUCCEEDED) {
                    Deployed here = new Deployed(train.version(), train.id(), endedAt(train, target));
                    Deployed before = deployed.get(key);
                    if (before == null || !here.at().isBefore(before.at())) {
                        deployed.put(key, here);
                    }
                } else if (!train.status().finished() && !target.status().done() && !target.attempts().isEmpty()) {
                    // trains are oldest first: the newest unfinished train wins
                    rolling.put(key, new Rolling(train.version(), train.id(), target.status()));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String environment : environments) {
            List<Cell> cells = new ArrayList<>();
            for (String zone : zones) {
                String key = TargetRecord.idOf(environment, zone);
                cells.add(new Cell(environment, zone, deployed.get(key), rolling.get(key)));
            }
            rows.add(new Row(environment, cells));
        }
        return new VersionMatrix(ledger.job(), List.copyOf(environments), List.copyOf(zones), rows);
    }

    public Optional<Cell> cell(String environment, String zone) {
        return rows.stream()
                .filter(r -> r.environment().equals(environment))
                .flatMap(r -> r.cells().stream())
                .filter(c -> c.zone().equals(zone) && c.known())
                .findFirst();
    }

    /**
     * The end of the last attempt; a target marked succeeded by a person without a finished attempt took
     * effect when the train last changed, which the ledger keeps only as the train's end or start.
     */
    private static Instant endedAt(Train train, TargetRecord target) {
        return target.lastAttempt()
                .map(a -> a.ended() != null ? a.ended() : a.started())
                .orElse(train.finished() != null ? train.finished() : train.created());
    }
}
