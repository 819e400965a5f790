package kagami.mail.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UrlAnalysisTest {
    @Test
    void nestedTargetsInPathQueryDoubleEncodingAndBase64() {
        assertThat(UrlAnalysis.nested("https://t.example/L0/https:%2F%2Fa.example.org%2Fx%2By.html/1/abc"))
                .containsExactly("https://a.example.org/x+y.html");
        assertThat(UrlAnalysis.nested("https://www.google.com/url?q=https://b.example.org/p?z=1&sa=D"))
                .containsExactly("https://b.example.org/p?z=1");
        assertThat(UrlAnalysis.nested("https://r.example/?u=https%253A%252F%252Fc.example.org%252Fq"))
                .containsExactly("https://c.example.org/q");
        assertThat(UrlAnalysis.nested("https://r.example/c?u=aHR0cHM6Ly9kLmV4YW1wbGUub3JnL2xvZ2lu&x=1"))
                .containsExactly("https://d.example.org/login");
        assertThat(UrlAnalysis.nested("https://shop.example.com/autumn?utm_source=mail")).isEmpty();
    }

    @Test
    void nestedExtractionIsBounded() {
        StringBuilder u = new StringBuilder("https://r.example/?");
        for (int i = 0; i < 50; i++) {
            u.append("u").append(i).append("=https://x").append(i).append(".example.org/&");
        }
        assertThat(UrlAnalysis.nested(u.toString())).hasSize(UrlAnalysis.MAX_NESTED);
    }

    @Test
    void obfuscatedHostForms() {
        assertThat(UrlAnalysis.obfuscatedHost("http://%65vil.example/")).contains("percent-escapes");
        assertThat(UrlAnalysis.obfuscatedHost("http://3232235777/")).contains("numeric address 3232235777");
        assertThat(UrlAnalysis.obfuscatedHost("http:/\\evil.example/")).contains("backslashes");
        assertThat(UrlAnalysis.obfuscatedHost("http://ev\u0085il.example/")).contains("control characters");
        for (String plain : List.of("https://example.com/", "http://192.0.2.1/", "https://[2001:db8::1]/",
                "https://a-b.example.co.jp:8443/x")) {
            assertThat(UrlAnalysis.obfuscatedHost(plain)).as(plain).isEmpty();
        }
    }
}
