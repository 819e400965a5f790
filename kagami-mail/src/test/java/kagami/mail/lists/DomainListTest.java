package kagami.mail.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class DomainListTest {
    @Test
    void wildcardStandsForOneLabelOrPartOfOne() {
        DomainList l = DomainList.of(Set.of("s3.*.amazonaws.com", "s3-*.amazonaws.com", "storage.googleapis.com"));
        assertThat(l.match("bucket.s3.eu-west-1.amazonaws.com")).isPresent();
        assertThat(l.match("bucket.s3-website-eu-west-1.amazonaws.com")).isPresent();
        assertThat(l.match("storage.googleapis.com")).isPresent();
        assertThat(l.match("ec2.eu-west-1.amazonaws.com")).isEmpty();
        assertThat(l.match("s3.a.b.amazonaws.com.evil.example")).isEmpty();
        assertThat(l.match("evil-s3.eu.amazonaws.com")).isEmpty();
    }

    @Test
    void shippedListsLoadWithTheKagamiAdditions() {
        MailLists m = MailLists.defaults();
        assertThat(m.shorteners().match("bit.ly")).isPresent();
        assertThat(m.shorteners().match("promo.page.link")).isPresent();
        assertThat(m.objectStorage().match("x.blob.core.windows.net")).isPresent();
        assertThat(m.logoHosts().match("logo.clearbit.com")).isPresent();
        assertThat(m.lures()).containsKey("fraud_services");
    }
}
