package io.jenkins.plugins.deploytrain.terraform;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a plan's fingerprint is made of: one digest per normalised change, keyed by its normalised
 * address ({@code output.<name>} for outputs), and the same for drift, which the fingerprint leaves
 * out (drift is what changed outside Terraform; the changes already say what apply will do about
 * it). Holds hashes only, never a value.
 *
 * @param fingerprint  {@code tfplan1:<sha-256 hex>}, independent of key and resource order
 * @param changes      normalised address to digest of the normalised change, sorted
 * @param drift        normalised address to digest of the drifted resource, sorted
 */
public record PlanDigest(String source, String formatVersion, String fingerprint,
                         SortedMap<String, String> changes, SortedMap<String, String> drift) {

    /** Bumped whenever normalisation changes, so an old approval never matches a plan it did not see. */
    static final String SCHEME = "tfplan1";

    public PlanDigest {
        changes = Collections.unmodifiableSortedMap(new TreeMap<>(changes));
        drift = Collections.unmodifiableSortedMap(new TreeMap<>(drift));
    }

    /** How many changes differ from another plan's: the size of the diff, without reading the plans again. */
    public int distanceTo(PlanDigest other) {
        int distance = 0;
        for (var entry : changes.entrySet()) {
            if (!entry.getValue().equals(other.changes.get(entry.getKey()))) {
                distance++;
            }
        }
        for (String key : other.changes.keySet()) {
            if (!changes.containsKey(key)) {
                distance++;
            }
        }
        return distance;
    }
}
