package io.jenkins.plugins.deploytrain.ledger;

import java.util.ArrayList;
import java.util.List;

/** Keeps the ledger small: only the newest {@code finishedToKeep} finished trains stay; unfinished ones always do. */
public record Retention(int finishedToKeep) {

    public static final Retention DEFAULT = new Retention(20);

    public Retention {
        if (finishedToKeep < 1) {
            throw new IllegalArgumentException("retention must keep at least one finished train, not " + finishedToKeep);
        }
    }

    public Ledger apply(Ledger ledger) {
        long finished = ledger.trains().stream().filter(t -> t.status().finished()).count();
        long toDrop = finished - finishedToKeep;
        if (toDrop <= 0) {
            return ledger;
        }
        List<Train> kept = new ArrayList<>();
        for (Train t : ledger.trains()) {
            if (toDrop > 0 && t.status().finished()) {
                toDrop--;
            } else {
                kept.add(t);
            }
        }
        return ledger.withTrains(kept);
    }
}
