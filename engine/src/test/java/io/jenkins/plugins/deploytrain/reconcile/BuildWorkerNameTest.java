package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BuildWorkerNameTest {

    @Test
    void aBuildIsItsNumberWhateverItsJobWasCalled() {
        assertThat(BuildWorkerName.buildNumber("folder/old-name#12")).hasValue(12);
        assertThat(BuildWorkerName.buildNumber("new-name#12")).hasValue(12);
    }

    @Test
    void aWorkerThatIsNotABuildHasNoNumber() {
        assertThat(BuildWorkerName.buildNumber("ci-host:4711")).isEmpty();
        assertThat(BuildWorkerName.buildNumber("#12")).isEmpty();
        assertThat(BuildWorkerName.buildNumber("job#")).isEmpty();
        assertThat(BuildWorkerName.buildNumber("job#1a")).isEmpty();
        assertThat(BuildWorkerName.buildNumber("job#0")).isEmpty();
        assertThat(BuildWorkerName.buildNumber("job#99999999999")).isEmpty();
    }

    @Property
    void theNumberSurvivesAnyJobName(
            @ForAll @StringLength(min = 1, max = 40) String job, @ForAll @IntRange(min = 1) int number) {
        assertThat(BuildWorkerName.buildNumber(job + "#" + number)).isEqualTo(OptionalInt.of(number));
    }
}
