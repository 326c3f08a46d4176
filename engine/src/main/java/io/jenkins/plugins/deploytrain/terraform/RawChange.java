package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of a plan as read, before normalisation: a resource change, a drifted resource, or an
 * output change (whose name is its address). Held one at a time while a plan streams by.
 */
record RawChange(ChangeKind kind, String address, ObjectNode node) {}
