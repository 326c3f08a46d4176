package io.jenkins.plugins.deploytrain.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.events.MetricsExposition;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.Approvals;
import io.jenkins.plugins.deploytrain.ui.UiAsset;
import io.jenkins.plugins.deploytrain.ui.UiAssets;
import io.jenkins.plugins.deploytrain.ui.ViewChanges;
import io.jenkins.plugins.deploytrain.ui.ViewPoll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The train view on 127.0.0.1 while a train runs (or waits): the page and its assets, the view model with
 * ETags at /api/view (304 when unchanged, the changed targets only with {@code ?since=REVISION}), approvals at POST /api/approvals, the raw ledger at /ledger.json
 * and the ledger as Prometheus metrics at /metrics.
 *
 * <p>An approval must carry this process's random token in {@value #TOKEN_HEADER}; the page gets it through
 * data-* attributes, like Jenkins' crumb, so another page in the same browser cannot approve. Requests must
 * name this server as Host, so a rebound DNS name cannot read the page (and the token) either.
 */
final class LedgerServer implements AutoCloseable {
    static final String TOKEN_HEADER = "X-Deploy-Train-Token";
    private static final int MAX_BODY = 16 * 1024;

    private final HttpServer server;
    private final LedgerStore store;
    private final ServedView view;
    private final String approver;
    private final String token = randomToken();
    /** What changed in the served train per revision, so a page is sent only that (ViewPoll). */
    private final ViewChanges changes = new ViewChanges();
    private final byte[] page;

    LedgerServer(int port, LedgerStore store, ServedView view, String approver) throws IOException {
        this.store = store;
        this.view = view;
        this.approver = approver;
        this.page = page(token);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!fromThisHost(exchange)) {
                text(exchange, 421, "this server answers only to 127.0.0.1:" + port() + " or localhost:" + port());
            } else if (path.equals("/api/approvals")) {
                if (method.equals("POST")) {
                    approve(exchange);
                } else {
                    refuse(exchange, "POST");
                }
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                refuse(exchange, "GET");
            } else if (path.equals("/api/view")) {
                view(exchange);
            } else if (path.equals("/ledger.json")) {
                ledger(exchange);
            } else if (path.equals("/metrics")) {
                // the same view of the ledger a Pushgateway is given, for a Prometheus that scrapes the runner
                Ledger ledger = store.load().orElse(null);
                send(exchange, 200, MetricsExposition.CONTENT_TYPE,
                        (ledger == null ? "" : MetricsExposition.render(ledger)).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/") || path.equals("/" + UiAssets.INDEX)) {
                exchange.getResponseHeaders().set("Content-Security-Policy", UiAssets.CONTENT_SECURITY_POLICY);
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else {
                asset(exchange, path.substring(1));
            }
        } catch (LedgerException damaged) {
            text(exchange, 500, damaged.getMessage());
        }
    }

    private boolean fromThisHost(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && (host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()));
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        Optional<UiAsset> asset = UiAssets.open(name);
        if (asset.isEmpty()) {
            text(exchange, 404, "no such page: /" + name);
            return;
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", UiAssets.CONTENT_SECURITY_POLICY);
        send(exchange, 200, asset.get().contentType(), asset.get().readAllBytes());
    }

    private void view(HttpExchange exchange) throws IOException {
        Ledger ledger = store.load().orElse(null);
        Optional<Train> train = ledger == null ? Optional.empty() : view.train(ledger);
        if (train.isEmpty()) {
            text(exchange, 404, "no train in " + store.location() + " yet");
            return;
        }
        ViewPoll.Answer answer = ViewPoll.answer(ledger, train.get(), view.host(ledger, train.get()), changes,
                exchange.getRequestHeaders().getFirst("If-None-Match"), queryParameter(exchange, "since"));
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        if (answer instanceof ViewPoll.NotModified notModified) {
            exchange.getResponseHeaders().set("ETag", notModified.etag());
            exchange.sendResponseHeaders(304, -1);
        } else if (answer instanceof ViewPoll.Body body) {
            exchange.getResponseHeaders().set("ETag", body.etag());
            send(exchange, 200, "application/json; charset=utf-8", body.json());
        } else {
            text(exchange, 400, ((ViewPoll.BadRequest) answer).reason());
        }
    }

    /** One parameter of the query string, decoded, or null. */
    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void ledger(HttpExchange exchange) throws IOException {
        String body = store.load().map(LedgerJson::toJson).orElse("{}");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private void approve(HttpExchange exchange) throws IOException {
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            text(exchange, 403, "missing or wrong " + TOKEN_HEADER + " header: approve from the page this server gave you");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            text(exchange, 415, "the body must be Content-Type: application/json, not " + type);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            text(exchange, 413, "the body is larger than " + MAX_BODY + " bytes");
            return;
        }
        Approval approval;
        try {
            approval = ApprovalRequest.parse(body, approver, view.clock().instant());
            Ledger ledger = store.load().orElseThrow(() -> new IllegalArgumentException("no ledger in " + store.location()));
            store.update(ledger.job(), l -> l.withTrain(Approvals.apply(l.train(approval.train()).orElseThrow(() ->
                    new IllegalArgumentException("no train " + approval.train() + "; its trains are "
                            + l.trains().stream().map(Train::id).toList())), approval)));
        } catch (IllegalArgumentException refused) {
            text(exchange, 400, refused.getMessage());
            return;
        }
        text(exchange, 200, "recorded: " + approver + " " + approval.action().json()
                + (approval.target() == null ? "" : " " + approval.target()) + " on train " + approval.train()
                + approval.silence().map(d -> " with a silence of " + Durations.format(d)).orElse(""));
    }

    private static void refuse(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        text(exchange, 405, exchange.getRequestMethod() + " is not allowed here; use " + allowed);
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (message.lines().findFirst().orElse("") + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** index.html with the token as the crumb the view sends with each POST. */
    private static byte[] page(String token) {
        String html = new String(UiAssets.open(UiAssets.INDEX).orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
        String marked = html.replaceFirst("data-deploy-train(?=\\s)",
                "data-deploy-train data-crumb-header=\"" + TOKEN_HEADER + "\" data-crumb-value=\"" + token + "\"");
        if (marked.equals(html)) {
            throw new IllegalStateException(UiAssets.INDEX + " has no element marked data-deploy-train");
        }
        return marked.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
