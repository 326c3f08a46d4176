package io.jenkins.plugins.deploytrain.jenkins.concurrent;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Where the plugin does its blocking work: ledger I/O under file locks, gate and Slack HTTP calls, workspace
 * reads. {@link Timer} is a small pool shared by all of Jenkins, so it only ever schedules; the work itself
 * runs on this bounded pool of the plugin's own, which a slow monitoring system can fill without stalling
 * anyone else's timers.
 */
@Extension
@Restricted(NoExternalUse.class)
public final class BlockingWork {

    private static final Logger LOGGER = Logger.getLogger(BlockingWork.class.getName());

    /** Enough for several trains' gate calls at once; more waits in the queue rather than taking threads. */
    static final int THREADS = Math.max(4, Integer.getInteger(BlockingWork.class.getName() + ".threads", 8));

    private final ThreadPoolExecutor pool;

    public BlockingWork() {
        pool = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000),
                new NamingThreadFactory(new DaemonThreadFactory(), "Deploy Train blocking work"));
        pool.allowCoreThreadTimeOut(true);
    }

    public static BlockingWork get() {
        return ExtensionList.lookupSingleton(BlockingWork.class);
    }

    /** Runs {@code task} on the plugin's pool now; a failure is logged, never lost silently. */
    public Future<?> submit(Runnable task) {
        return pool.submit(logged(task));
    }

    /**
     * Runs {@code task} on the plugin's pool after {@code delay}: {@link Timer} only waits and hands over. The
     * handle cancels both the wait and a hand-over not yet started.
     */
    public Scheduled schedule(Runnable task, long delay, TimeUnit unit) {
        Scheduled handle = new Scheduled();
        handle.timer = Timer.get().schedule(() -> {
            if (!handle.cancelled) {
                try {
                    handle.work.set(submit(task));
                } catch (RejectedExecutionException e) {
                    LOGGER.log(Level.WARNING, "Deploy Train: work refused (Jenkins is shutting down?)", e);
                }
            }
        }, delay, unit);
        return handle;
    }

    /** The pool, for {@code CompletableFuture.supplyAsync(..., executor())}. */
    public ExecutorService executor() {
        return pool;
    }

    @Terminator
    public static void shutdown() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins != null) {
            for (BlockingWork work : jenkins.getExtensionList(BlockingWork.class)) {
                work.pool.shutdownNow();
            }
        }
    }

    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOGGER.log(Level.WARNING, "Deploy Train: background work failed", e);
                throw e;
            }
        };
    }

    /** A scheduled piece of work: cancelling it stops the wait and any hand-over that has not started. */
    public static final class Scheduled {
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> timer;
        private final AtomicReference<Future<?>> work = new AtomicReference<>();

        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            Future<?> w = work.get();
            if (w != null) {
                w.cancel(false);
            }
        }

        public boolean isCancelled() {
            return cancelled;
        }
    }
}
