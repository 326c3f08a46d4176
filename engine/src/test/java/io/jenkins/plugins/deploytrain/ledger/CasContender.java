package io.jenkins.plugins.deploytrain.ledger;

import java.nio.file.Files;
import java.nio.file.Path;

/** A separate process that tries one compare-and-set as soon as a start file appears; prints WON or LOST. */
public final class CasContender {
    private CasContender() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long revision = Long.parseLong(args[1]);
        Path go = Path.of(args[3]);
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger base = store.load().orElseThrow();
        while (!Files.exists(go)) {
            Thread.onSpinWait();
        }
        try {
            store.compareAndSet(revision, base.withTrain(SampleLedgers.train(args[2], 1, 1)));
            System.out.println("WON");
        } catch (RevisionConflictException lost) {
            System.out.println("LOST");
        }
    }
}
