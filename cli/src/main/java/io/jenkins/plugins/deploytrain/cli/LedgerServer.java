package io.jenkins.plugins.deploytrain.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves the ledger JSON on 127.0.0.1 (GET /ledger.json) for the build-page view while a train runs. */
final class LedgerServer implements AutoCloseable {
    private final HttpServer server;

    LedgerServer(int port, LedgerStore store) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/ledger.json", exchange -> answer(exchange, store));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, LedgerStore store) throws IOException {
        int status;
        String body;
        if (!exchange.getRequestMethod().equals("GET")) {
            status = 405;
            body = "{\"error\":\"only GET\"}";
        } else {
            try {
                body = store.load().map(LedgerJson::toJson).orElse("{}");
                status = 200;
            } catch (LedgerException damaged) {
                status = 500;
                body = LedgerJson.mapper().createObjectNode().put("error", damaged.getMessage()).toString();
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
