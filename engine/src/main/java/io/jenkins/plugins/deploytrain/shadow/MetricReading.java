package io.jenkins.plugins.deploytrain.shadow;

/** What a discrepancy metric says now: counts, or why there is nothing to judge yet. */
public sealed interface MetricReading {

    /** Requests the shadow compared, and how many of them differed, over the source's window. */
    record Counts(double compared, double discrepancies) implements MetricReading {
        public double rate() {
            return compared == 0 ? 0 : discrepancies / compared;
        }
    }

    /** No series, or a value that is not a number (0/0): the gate waits rather than pass on silence. */
    record NoData(String reason) implements MetricReading {}
}
