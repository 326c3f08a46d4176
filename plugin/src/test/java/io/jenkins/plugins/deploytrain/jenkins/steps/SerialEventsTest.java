package io.jenkins.plugins.deploytrain.jenkins.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import jenkins.util.Timer;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A train's events run one at a time, in the order they came, on the plugin's pool rather than on Timer. */
@WithJenkins
class SerialEventsTest {

    @Test
    void eventsFromManyThreadsRunOneAtATimeInOrderOffTheTimer(JenkinsRule r) throws Exception {
        SerialEvents events = new SerialEvents();
        List<Integer> seen = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger onTimer = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            int n = i;
            events.submit(() -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                if (Thread.currentThread().getName().contains("jenkins.util.Timer")) {
                    onTimer.incrementAndGet();
                }
                seen.add(n);
                running.decrementAndGet();
                done.countDown();
            });
        }
        // and events submitted from Timer itself, as a timer's task does
        CountDownLatch fromTimer = new CountDownLatch(1);
        Timer.get().submit(() -> events.submit(fromTimer::countDown));

        assertThat(done.await(30, TimeUnit.SECONDS), is(true));
        assertThat(fromTimer.await(30, TimeUnit.SECONDS), is(true));
        assertThat(overlaps.get(), is(0));
        assertThat(onTimer.get(), is(0));
        synchronized (seen) {
            assertThat(seen, is(IntStream.range(0, 200).boxed().toList()));
        }
    }
}
