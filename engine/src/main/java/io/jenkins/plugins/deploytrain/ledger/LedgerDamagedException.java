package io.jenkins.plugins.deploytrain.ledger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The ledger file does not parse or its checksum does not match its content (a torn write, or an edit by
 * hand). It is refused, never repaired silently; the previous good copy, if intact, is offered.
 */
public final class LedgerDamagedException extends LedgerException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final Long previousRevision;

    public LedgerDamagedException(Path file, String problem, Optional<Ledger> previous) {
        super(message(file, problem, previous));
        this.file = file;
        this.previousRevision = previous.map(Ledger::revision).orElse(null);
    }

    public Path file() {
        return file;
    }

    public Optional<Long> previousRevision() {
        return Optional.ofNullable(previousRevision);
    }

    private static String message(Path file, String problem, Optional<Ledger> previous) {
        String offer = previous
                .map(p -> " The previous good copy " + FileLedgerStore.previousOf(file) + " (revision " + p.revision()
                        + ") is intact: run again with --restore-previous to continue from it (the damaged file is"
                        + " kept as " + file.getFileName() + ".damaged).")
                .orElse(" No intact previous copy exists; restore the file from a backup.");
        return "The ledger " + file + " is damaged and was not used: " + problem + "." + offer;
    }
}
