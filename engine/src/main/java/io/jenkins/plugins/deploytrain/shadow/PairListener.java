package io.jenkins.plugins.deploytrain.shadow;

/** Receives the pairs of a source one at a time, so a source of any size runs in constant memory. */
public interface PairListener {

    void pair(RecordedPair pair);

    /** A line that is not a pair; the source goes on with the next line. */
    void badLine(long line, String message);
}
