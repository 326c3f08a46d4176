package io.jenkins.plugins.deploytrain.jenkins.fleet;

import hudson.console.HyperlinkNote;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.deploytrain.fleetstate.HolderMention;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * A console line that names the build holding a fleet lease ("held by job payments/main build 41 (target ...")
 * links that build. The name is in the line already; the link adds nothing a reader could not type, and the build's
 * page still checks who may read it.
 */
public final class HolderLinks {
    private HolderLinks() {}

    public static String linked(String message) {
        Optional<HolderMention.Found> found = HolderMention.find(message);
        if (found.isEmpty()) {
            return message;
        }
        HolderMention.Found f = found.get();
        String url;
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> job = Jenkins.get().getItemByFullName(f.job(), Job.class);
            Run<?, ?> run = job == null ? null : job.getBuildByNumber(f.build());
            if (run == null) {
                return message;
            }
            url = "/" + run.getUrl();
        }
        return message.substring(0, f.start())
                + HyperlinkNote.encodeTo(url, message.substring(f.start(), f.end()))
                + message.substring(f.end());
    }
}
