package io.jenkins.plugins.deploytrain.shadow;

/** What happened at one JSON pointer between the primary's response and the shadow's. */
public enum ChangeKind {
    /** Present only in the shadow's (new version's) response. */
    ADDED,
    /** Present only in the primary's (old version's) response. */
    REMOVED,
    /** Present in both with a different value (or a different type). */
    CHANGED
}
