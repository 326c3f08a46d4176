package io.jenkins.plugins.deploytrain.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UiAssetsTest {

    private static String text(String name) {
        return new String(UiAssets.open(name).orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void allowListHoldsExactlyTheViewFiles() {
        assertThat(UiAssets.names())
                .containsExactly("index.html", "train-view.css", "train-view.js", "view-model.schema.json");
    }

    @Test
    void everyAssetOpensWithItsContentType() {
        assertThat(UiAssets.open("index.html").orElseThrow().contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(UiAssets.open("train-view.js").orElseThrow().contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(UiAssets.open("train-view.css").orElseThrow().contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(UiAssets.open("view-model.schema.json").orElseThrow().contentType())
                .isEqualTo("application/schema+json; charset=utf-8");
        for (String name : UiAssets.names()) {
            assertThat(UiAssets.open(name).orElseThrow().readAllBytes()).as(name).hasSizeGreaterThan(500);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/index.html", "../index.html", "./train-view.js", "train-view.js?v=1",
        "INDEX.HTML", "UiAssets.class", "ui/index.html", "../ledger/ledger.schema.json",
        "io/jenkins/plugins/deploytrain/ui/index.html", "%2e%2e/index.html", "jenkins-shell.html"})
    void anythingOutsideTheAllowListIsNotFound(String name) {
        assertThat(UiAssets.open(name)).isEmpty();
    }

    @Test
    void nullIsNotFound() {
        assertThat(UiAssets.open(null)).isEmpty();
    }

    @Test
    void shellHasNoInlineScriptStyleOrHandlers() {
        String html = text("index.html");
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("type=\"module\"").contains("src=\"train-view.js\"");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(count).isEqualTo(1);
        assertThat(html).doesNotContainPattern("(?i)\\sstyle\\s*=").doesNotContainPattern("(?i)<style")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainPattern("(?i)javascript:");
    }

    @Test
    void shellOnlyReferencesAllowListedAssets() {
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(text("index.html"));
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(UiAssets.names()).as("referenced by index.html").contains(refs.group(1));
        }
        assertThat(count).isEqualTo(2);
    }

    @Test
    void scriptNeverParsesMarkupOrEvaluatesStrings() {
        String js = text("train-view.js");
        assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                "eval(", "new Function", "cssText", "setAttribute('style'", "setAttribute(\"style\"",
                "DOMParser", "createContextualFragment", "http://", "https://");
    }

    @Test
    void styleSheetLoadsNothingFromOutside() {
        assertThat(text("train-view.css")).doesNotContain("@import", "url(", "expression(");
    }

    @Test
    void schemaDescribesTheEnvelopeBothHostsServe() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(UiAssets.open("view-model.schema.json").orElseThrow().readAllBytes());
        assertThat(schema.get("required")).extracting(JsonNode::asText)
                .containsExactly("ledger-train", "awaiting", "plan", "viewer", "links");
        assertThat(schema.at("/properties/viewer/required/0").asText()).isEqualTo("mayApprove");
    }
}
