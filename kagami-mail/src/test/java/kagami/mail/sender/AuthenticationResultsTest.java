package kagami.mail.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {
    static final String RFC8601 = "mx.example.go.jp 1; spf=fail (sender not permitted) smtp.mailfrom=evil.example;"
            + " dkim=pass header.d=mailer.example header.s=s1; dmarc=fail (p=reject) header.from=example.go.jp";
    static final String MICROSOFT = "spf=pass (sender IP is 40.107.100.111) smtp.mailfrom=godinprints.org; dkim=pass"
            + " (signature was verified) header.d=JerryRobertUniversity.onmicrosoft.com;dmarc=bestguesspass"
            + " action=none header.from=godinprints.org;compauth=pass reason=109";

    @Test
    void readsTheRfc8601FormWithItsAuthservId() {
        AuthenticationResults ar = AuthenticationResults.parse(RFC8601);
        assertThat(ar.authservId()).isEqualTo("mx.example.go.jp");
        assertThat(ar.result("spf")).contains("fail");
        assertThat(ar.result("dmarc")).contains("fail");
        assertThat(ar.dkimPassDomains()).containsExactly("mailer.example");
    }

    @Test
    void readsMicrosoft365FormWithoutAuthservId() {
        AuthenticationResults ar = AuthenticationResults.parse(MICROSOFT);
        assertThat(ar.authservId()).isEqualTo(Organisation.MICROSOFT_365);
        assertThat(ar.result("dmarc")).contains("bestguesspass");
        assertThat(ar.result("compauth")).contains("pass");
        assertThat(ar.dkimPassDomains()).containsExactly("jerryrobertuniversity.onmicrosoft.com");
    }

    @Test
    void onlyOurOwnAuthservIdIsTrusted() {
        Organisation ours = new Organisation(Set.of("example.go.jp"), List.of(), Set.of("mx.example.go.jp"),
                Optional.empty());
        String forged = "mx.attacker.example; spf=pass; dkim=pass header.d=example.go.jp; dmarc=pass";
        assertThat(AuthenticationResults.trusted(List.of(forged, RFC8601), ours).orElseThrow().result("dmarc"))
                .contains("fail");
        assertThat(AuthenticationResults.trusted(List.of(forged, MICROSOFT), ours)).isEmpty();
        assertThat(AuthenticationResults.trusted(List.of(MICROSOFT), Organisation.none())).isEmpty();
    }

    @Test
    void commentsDoNotLeakIntoResults() {
        assertThat(AuthenticationResults.stripComments("spf=pass (a (nested) comment) smtp.mailfrom=x"))
                .isEqualTo("spf=pass  smtp.mailfrom=x");
    }
}
