package io.jenkins.plugins.deploytrain.ledger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The ledger's snapshot does not parse or its checksum does not match its content (a torn write, or an edit by
 * hand), or a journal record that is not the last is damaged. It is refused, never repaired silently; the previous
 * good state, if one is intact, is offered.
 */
public final class LedgerDamagedException extends LedgerException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient Ledger previous;
    private final Long previousRevision;

    /** A damaged file whose previous good copy is {@code <file>.prev}. */
    public LedgerDamagedException(Path file, String problem, Optional<Ledger> previous) {
        this(file, problem, previous, FileLedgerStore.previousOf(file).getFileName().toString(), null);
    }

    /**
     * @param previousCopy the file the offered previous state is read from
     * @param previousAlso what else it is made of, in words, or null
     */
    public LedgerDamagedException(Path file, String problem, Optional<Ledger> previous, String previousCopy, String previousAlso) {
        super(message(file, problem, previous, previousCopy, previousAlso));
        this.file = file;
        this.previous = previous.orElse(null);
        this.previousRevision = previous.map(Ledger::revision).orElse(null);
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    public Optional<Long> previousRevision() {
        return Optional.ofNullable(previousRevision);
    }

    /** The previous good state that {@code --restore-previous} continues from. */
    Optional<Ledger> previous() {
        return Optional.ofNullable(previous);
    }

    private static String message(Path file, String problem, Optional<Ledger> previous, String previousCopy,
            String previousAlso) {
        String offer = previous
                .map(p -> " The previous good copy " + previousCopy + " (revision " + p.revision()
                        + (previousAlso == null ? "" : ", " + previousAlso) + ") is intact: run again with --restore-previous to continue from it (the damaged file is"
                        + " kept as " + file.getFileName() + ".damaged).")
                .orElse(" No intact previous copy exists; restore the file from a backup.");
        return "The ledger " + file + " is damaged and was not used: " + problem + "." + offer;
    }
}
