package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Between the reader and whoever needs normalised changes: drops no-ops, gives every change a key
 * that is unique within its kind (several deposed objects can share an address), and normalises
 * only the changes the receiver wants, so a second pass over a large plan builds little.
 */
final class NormalisedChanges implements Consumer<RawChange> {

    /** Receives one normalised change at a time. */
    interface Receiver {
        void accept(ChangeKind kind, String key, ObjectNode normalised);
    }

    private final ChangeNormaliser normaliser;
    private final Predicate<String> wanted;
    private final Receiver receiver;
    private final Map<ChangeKind, Set<String>> seen = new EnumMap<>(ChangeKind.class);

    NormalisedChanges(PlanTokens tokens, Predicate<String> wanted, Receiver receiver) {
        this.normaliser = new ChangeNormaliser(tokens);
        this.wanted = wanted;
        this.receiver = receiver;
    }

    @Override
    public void accept(RawChange change) {
        if (ChangeNormaliser.isNoOp(change)) {
            return;
        }
        Set<String> keys = seen.computeIfAbsent(change.kind() == ChangeKind.DRIFT ? ChangeKind.DRIFT : ChangeKind.RESOURCE, k -> new HashSet<>());
        String key = normaliser.key(change);
        String unique = key;
        for (int n = 2; !keys.add(unique); n++) {
            unique = key + " #" + n;
        }
        if (wanted.test(unique)) {
            receiver.accept(change.kind(), unique, normaliser.normalise(change));
        }
    }
}
