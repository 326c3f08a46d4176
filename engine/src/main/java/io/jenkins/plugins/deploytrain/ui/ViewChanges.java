package io.jenkins.plugins.deploytrain.ui;

import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What changed in one served train since a ledger revision, so a page that already holds the train at that
 * revision is sent only the targets that changed (docs/ui.md, "Conditional polls").
 *
 * <p>The ledger keeps no history, so a host keeps one of these per train it serves and shows it each train it
 * loads: the first look at a new revision compares it with the previous look, target by target (once per
 * revision, however many pages poll), and stamps every target that differs with the new revision. It holds
 * the last train looked at plus one number per target, never a copy per revision. A revision older than its
 * first look (a host that just started, a page older than the history) is unknown: the page gets the whole
 * train. Looks may come out of order (two polls loading concurrently): a revision lower than the last one
 * starts the history again at that revision, which only costs whole answers, never a missed change.
 */
public final class ViewChanges {

    /** Revisions whose audit length is kept; a page further behind than this many looks gets the whole train. */
    static final int HISTORY = 256;

    private Train last;
    private long lastRevision = -1;
    private List<String> targetIds = List.of();
    private final Map<String, Long> changedAt = new HashMap<>();
    /** Audit length of the train at each revision looked at: the audit only grows, a page is sent its tail. */
    private final TreeMap<Long, Integer> auditLength = new TreeMap<>();

    /**
     * What a page holding the train at {@code since} lacks.
     *
     * @param targets ids of the targets that changed after {@code since}
     * @param auditFrom the page keeps the first {@code auditFrom} audit entries and appends the ones sent
     */
    public record Since(long since, Set<String> targets, int auditFrom) {
        public Since {
            targets = Set.copyOf(targets);
        }
    }

    /** The train as the ledger has it at {@code revision}. */
    public synchronized void look(long revision, Train train) {
        if (revision == lastRevision && last != null && sameLedger(train) && train.audit().size() == last.audit().size()
                && train.status() == last.status()) {
            return;
        }
        List<TargetRecord> targets = train.targets();
        // a revision at or below the last one that is not the same look: concurrent polls, or another history
        if (last == null || revision <= lastRevision || !sameLedger(train) || !sameTargets(targets)) {
            restart(revision, train);
            return;
        }
        List<TargetRecord> before = last.targets();
        for (int i = 0; i < targets.size(); i++) {
            TargetRecord now = targets.get(i);
            if (!now.equals(before.get(i))) {
                changedAt.put(now.id(), revision);
            }
        }
        last = train;
        lastRevision = revision;
        auditLength.put(revision, train.audit().size());
        while (auditLength.size() > HISTORY) {
            auditLength.pollFirstEntry();
        }
    }

    /**
     * What changed after {@code since} up to the last look, or empty when this history cannot tell: {@code since}
     * is older than its first look or newer than its last (the page saw another history, e.g. a previous run).
     */
    public synchronized Optional<Since> since(long since) {
        if (auditLength.isEmpty() || since < auditLength.firstKey() || since > lastRevision) {
            return Optional.empty();
        }
        Set<String> changed = changedAt.entrySet().stream()
                .filter(e -> e.getValue() > since)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return Optional.of(new Since(since, changed, auditLength.floorEntry(since).getValue()));
    }

    /**
     * A ledger never stores two contents under one revision, but a job deleted and created again starts its
     * revisions again: a train of another start, or one whose audit went back, is another history.
     */
    private boolean sameLedger(Train train) {
        return last.id().equals(train.id()) && last.created().equals(train.created())
                && train.audit().size() >= last.audit().size();
    }

    private boolean sameTargets(List<TargetRecord> targets) {
        if (targets.size() != targetIds.size()) {
            return false;
        }
        for (int i = 0; i < targets.size(); i++) {
            if (!targets.get(i).id().equals(targetIds.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void restart(long revision, Train train) {
        last = train;
        lastRevision = revision;
        targetIds = train.targets().stream().map(TargetRecord::id).toList();
        changedAt.clear();
        auditLength.clear();
        auditLength.put(revision, train.audit().size());
    }
}
