package io.jenkins.plugins.deploytrain.terraform;

import java.util.List;

/**
 * How one change (a resource, or an output: {@code output.<name>}) of the candidate differs from
 * the approved plan's change at the same normalised address.
 */
public record ResourceDifference(String address, Kind kind, List<AttributeDifference> attributes) {

    public enum Kind {
        /** Only the candidate plans this change. */
        ADDED,
        /** Only the approved plan had this change. */
        REMOVED,
        /** Both plan a change here, and they differ. */
        CHANGED
    }

    public ResourceDifference {
        attributes = List.copyOf(attributes);
    }
}
