package io.jenkins.plugins.deploytrain.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverCheck;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The build's shadow gates that paused for a person, on the build page: each failed gate with why, and
 * the proceed/abort form while it waits. The decisions stay in {@code build.xml} as the audit trail (who,
 * when, why), and are written there before the waiting step is told, so a decision made while the
 * controller restarts is not lost.
 */
public class ShadowGateAction implements RunAction2 {

    static final String URL_NAME = "shadow-gate";
    static final String PROCEED = "proceed";
    static final String ABORT = "abort";
    static final String WITHDRAWN = "withdrawn";

    /** Guards adding the action: two gates of one build (parallel branches) must share it. */
    private static final Object ADDING = new Object();

    private final List<Gate> gates = new ArrayList<>();

    private transient Run<?, ?> run;

    /** The build's action, added on first use. */
    static ShadowGateAction on(Run<?, ?> run) {
        synchronized (ADDING) {
            ShadowGateAction action = run.getAction(ShadowGateAction.class);
            if (action == null) {
                action = new ShadowGateAction();
                run.addAction(action);
            }
            return action;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-search";
    }

    @Override
    public String getDisplayName() {
        return Messages.ShadowGateAction_displayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** For the page: every gate that paused, oldest first. */
    public synchronized List<Gate> getGates() {
        return List.copyOf(gates);
    }

    /** For the build's main page: the gates still waiting for a decision. */
    public synchronized long getWaitingCount() {
        return gates.stream().filter(g -> !g.isDecided()).count();
    }

    /** For the page: whether to offer the decision form. */
    public boolean isApprover() {
        return ApproverCheck.mayApprove(
                run.getParent(), DeployTrainGlobalConfiguration.get().getApproverList());
    }

    @CheckForNull
    synchronized Gate gate(String id) {
        return gates.stream().filter(g -> g.id.equals(id)).findFirst().orElse(null);
    }

    void await(String id, String source, String why) throws IOException {
        synchronized (this) {
            gates.add(new Gate(id, source, why, Instant.now()));
        }
        run.save();
    }

    /** The step was stopped (build aborted) while waiting: the form goes away, the record stays. */
    void withdraw(String id) throws IOException {
        synchronized (this) {
            Gate gate = gate(id);
            if (gate == null || gate.isDecided()) {
                return;
            }
            gate.decide(WITHDRAWN, null, null, Instant.now());
        }
        run.save();
    }

    /**
     * {@code POST .../shadow-gate/decide}: proceed past a failed shadow gate, or abort the build.
     *
     * @param id the gate, as the form sends it
     * @param decision {@code proceed} or {@code abort}
     * @param reason free text for the audit trail
     */
    @RequirePOST
    public HttpResponse doDecide(
            @QueryParameter String id, @QueryParameter String decision, @QueryParameter String reason)
            throws IOException {
        String who = ApproverCheck.requireApprover(
                run.getParent(), DeployTrainGlobalConfiguration.get().getApproverList());
        String what = Util.fixNull(decision).trim();
        if (!what.equals(PROCEED) && !what.equals(ABORT)) {
            return HttpResponses.error(
                    HttpServletResponse.SC_BAD_REQUEST, Messages.ShadowGateAction_badDecision(decision));
        }
        synchronized (this) {
            Gate gate = gate(Util.fixNull(id));
            if (gate == null) {
                return HttpResponses.error(HttpServletResponse.SC_NOT_FOUND, Messages.ShadowGateAction_noGate(id));
            }
            if (gate.isDecided()) {
                return HttpResponses.error(
                        HttpServletResponse.SC_CONFLICT,
                        Messages.ShadowGateAction_alreadyDecided(gate.getDecision(), Util.fixNull(gate.getBy())));
            }
            gate.decide(what, who, Util.fixEmptyAndTrim(reason), Instant.now());
        }
        run.save();
        ShadowGateStepExecution.decided(id);
        return HttpResponses.redirectToDot();
    }

    /**
     * One gate that paused, and what a person decided. Plain fields: it is kept in {@code build.xml}. The decision is
     * written by the page's request thread and read by the waiting step's, so both go through the gate's monitor.
     */
    public static final class Gate {
        private final String id;
        private final String source;
        private final String why;
        private final long requested;
        private String decision;
        private String by;
        private String reason;
        private long decided;

        Gate(String id, String source, String why, Instant requested) {
            this.id = id;
            this.source = source;
            this.why = why;
            this.requested = requested.toEpochMilli();
        }

        synchronized void decide(String decision, String by, String reason, Instant at) {
            this.decision = decision;
            this.by = by;
            this.reason = reason;
            this.decided = at.toEpochMilli();
        }

        @NonNull
        public String getId() {
            return id;
        }

        public String getSource() {
            return source;
        }

        public String getWhy() {
            return why;
        }

        public String getRequested() {
            return Instant.ofEpochMilli(requested).toString();
        }

        public synchronized boolean isDecided() {
            return decision != null;
        }

        public synchronized boolean isProceed() {
            return PROCEED.equals(decision);
        }

        /** proceed, abort or withdrawn; null while waiting */
        @CheckForNull
        public synchronized String getDecision() {
            return decision;
        }

        /** The Jenkins user id of who decided; null while waiting or when withdrawn. */
        @CheckForNull
        public synchronized String getBy() {
            return by;
        }

        @CheckForNull
        public synchronized String getReason() {
            return reason;
        }

        @CheckForNull
        public synchronized String getDecidedAt() {
            return decision == null ? null : Instant.ofEpochMilli(decided).toString();
        }

        synchronized String describeReason() {
            return reason == null ? "" : ": " + reason;
        }
    }
}
