package io.jenkins.plugins.deploytrain.fleetstate;

import io.jenkins.plugins.deploytrain.ledger.ChecksummedJson;

/**
 * The fleet state's file form: the snapshot's JSON with a checksum of its canonical body, so a torn write or a
 * hand edit is detected as a ledger's is.
 */
final class FleetStateJson {
    private static final ChecksummedJson<FleetSnapshot> DOCUMENT =
            new ChecksummedJson<>(FleetSnapshot.class, "the fleet state", FleetSnapshot.SCHEMA_VERSION);

    private FleetStateJson() {}

    static byte[] render(FleetSnapshot state) {
        return DOCUMENT.render(state).bytes();
    }

    /** @throws IllegalArgumentException naming the problem (line and column for a parse error) */
    static FleetSnapshot parse(byte[] bytes) {
        return DOCUMENT.parse(bytes).value();
    }
}
