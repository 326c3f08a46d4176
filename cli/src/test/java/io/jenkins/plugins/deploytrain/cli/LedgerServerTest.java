package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerServerTest {

    @TempDir
    Path dir;

    @Test
    void servesTheCurrentLedgerOnLoopbackOnly() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger stored = store.compareAndSet(0, SampleLedgers.withOneTrain());
        HttpClient http = HttpClient.newHttpClient();
        try (LedgerServer server = new LedgerServer(0, store)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/ledger.json");

            HttpResponse<String> got = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            store.compareAndSet(1, stored.withTrain(SampleLedgers.train("t2", 1, 1)));
            HttpResponse<String> later = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(LedgerJson.mapper().readValue(got.body(), Ledger.class)).isEqualTo(stored);
            assertThat(LedgerJson.mapper().readValue(later.body(), Ledger.class).trains()).hasSize(2);
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }
}
