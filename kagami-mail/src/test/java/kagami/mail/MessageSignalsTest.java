package kagami.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import kagami.core.Verdict;
import kagami.mail.standin.MailBuilder;

/**
 * The message-level signals that catch scams from clean-looking senders: each test builds a synthetic mail with
 * one trick, checks the signal and its evidence, and checks that the honest look-alike of the same mail stays
 * silent.
 */
class MessageSignalsTest {
    final MailAnalyser analyser = new MailAnalyser(MailConfig.defaults(Locale.ENGLISH));

    MailReport analyse(MailBuilder b) throws IOException {
        List<MailReport> out = new ArrayList<>();
        analyser.analyseStream("t.eml", new ByteArrayInputStream(b.build()), out::add);
        return out.get(0);
    }

    static MailBuilder newsletter(String html) {
        return new MailBuilder().from("Newsletter", "news@shop.example.com").subject("Our autumn collection")
                .body("").html(html);
    }

    static Set<String> ids(MailReport r) {
        return r.verdict().reasons().stream().map(Verdict.Reason::id).collect(Collectors.toSet());
    }

    static Verdict.Reason reason(MailReport r, String id) {
        return r.verdict().reasons().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    // ---- links ------------------------------------------------------------------------------------------------

    @Test
    void pageOnObjectStorageBehindAClickTrackerIsJudgedByItsTarget() throws IOException {
        MailReport r = analyse(newsletter("<p>Your parcel is waiting, confirm the delivery address.</p>"
                + "<a href=\"https://t.mailer.example.net/L0/https:%2F%2Fparcel-desk.s3.eu-west-1.amazonaws.com"
                + "%2Fconfirm%2Bdelivery.html/1/0102abcdef\">Confirm</a>"));
        assertThat(ids(r)).contains("url.storage_page").doesNotContain("url.free_hosting");
        assertThat(reason(r, "url.storage_page").evidence()).contains("via t[.]mailer[.]example[.]net")
                .contains("parcel-desk[.]s3[.]eu-west-1[.]amazonaws[.]com").doesNotContain("https://");
    }

    @Test
    void imagesAndDownloadsFromABucketAreNotPages() throws IOException {
        MailReport r = analyse(newsletter("<p>Autumn catalogue with many new products for you and your family."
                + "</p><img src=\"https://shop-assets.s3.amazonaws.com/banner.png\">"
                + "<a href=\"https://shop-assets.s3.amazonaws.com/catalogue.pdf\">catalogue</a>"));
        assertThat(ids(r)).doesNotContain("url.storage_page");
    }

    @Test
    void staticWebsiteEndpointsAndIpfsPathsArePages() throws IOException {
        MailReport site = analyse(newsletter("<a href=\"http://offer-2025.s3-website-eu-west-3.amazonaws.com\">"
                + "See the offer</a> and many other words so that this is not an image-only body at all."));
        assertThat(ids(site)).contains("url.storage_page");
        MailReport ipfs = analyse(newsletter("<a href=\"https://gw.example.org/ipfs/"
                + "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/sign-in.php\">Sign in</a> to keep"
                + " your mailbox active, otherwise it will be closed today by the administrator."));
        assertThat(ids(ipfs)).contains("url.storage_page");
    }

    @Test
    void redirectTargetsInQueriesAndBase64AreUnwrapped() throws IOException {
        MailReport q = analyse(newsletter("<a href=\"https://www.google.com/url?q=https://account-check.pages.dev"
                + "/login&amp;sa=D\">Review account</a> and read the rest of this long text about your account."));
        assertThat(ids(q)).contains("url.open_redirect", "url.free_hosting");
        assertThat(reason(q, "url.free_hosting").evidence()).contains("via www[.]google[.]com");
        // "https://account-check.web.app/login" in base64
        MailReport b = analyse(newsletter("<a href=\"https://r.example.com/c?u="
                + "aHR0cHM6Ly9hY2NvdW50LWNoZWNrLndlYi5hcHAvbG9naW4\">Review account</a> and read the rest of this"
                + " long text about your account."));
        assertThat(ids(b)).contains("url.free_hosting");
    }

    @Test
    void unicodeHostIsAnInternationalisedName() throws IOException {
        MailReport r = analyse(newsletter("<a href=\"http://p\u00e4ypal-secure.com/login\">Log in</a> now to review"
                + " the recent activity on your account before it is limited."));
        Verdict.Reason p = reason(r, "url.punycode");
        assertThat(p.message()).contains("xn--").contains("p\u00e4ypal-secure.com");
        MailReport ascii = analyse(newsletter("<a href=\"http://paypal-secure.example.com/login\">Log in</a> now"
                + " to review the recent activity on your account before it is limited."));
        assertThat(ids(ascii)).doesNotContain("url.punycode");
    }

    @Test
    void hostsWrittenToSlipPastFilters() throws IOException {
        for (String href : List.of("http://%65vil.example.com/", "http://3232235777/login", "http://0xC0.0xA8.1.1/x",
                "http:\\\\evil.example.com\\login")) {
            MailReport r = analyse(newsletter("<a href=\"" + href + "\">Open</a> the message from the bank about"
                    + " your card that was blocked yesterday evening."));
            assertThat(ids(r)).as(href).contains("url.obfuscated_host");
        }
        MailReport plain = analyse(newsletter("<a href=\"http://192.0.2.10/status\">status</a> page of the"
                + " printer in the second floor meeting room, as requested."));
        assertThat(ids(plain)).contains("url.ip_host").doesNotContain("url.obfuscated_host");
    }

    @Test
    void linksAreReadAsBrowsersReadThem() {
        assertThat(kagami.mail.url.UrlAnalysis.host(" \thttp://exam\nple.com/a")).isEqualTo("example.com");
        assertThat(kagami.mail.url.UrlAnalysis.host("https://user:pw@Example.COM.:8443/x")).isEqualTo("example.com");
        assertThat(kagami.mail.url.UrlAnalysis.host("https://good.example\\@evil.example/")).isEqualTo("good.example");
        assertThat(kagami.mail.url.UrlAnalysis.host("mailto:a@example.com")).isEmpty();
    }

    @Test
    void firebaseDynamicLinksCountAsShorteners() throws IOException {
        MailReport r = analyse(new MailBuilder().from("Anna", "anna.lee@example.org").subject("hello")
                .body("Look at this: https://promo-x.page.link/AbCd"));
        assertThat(ids(r)).contains("url.shortener");
    }

    // ---- HTML body --------------------------------------------------------------------------------------------

    @Test
    void aBodyThatIsOnlyALinkedPicture() throws IOException {
        MailReport img = analyse(newsletter("<a href=\"https://offer.example.net/r.php?id=1\"><img"
                + " src=\"https://cdn.example.net/offer.png\"></a>"));
        assertThat(ids(img)).contains("html.image_only");
        MailReport css = analyse(newsletter("<a href=\"https://offer.example.net/r\"><div style=\"width:600px;"
                + "height:800px;background: url('https://cdn.example.net/offer.png') no-repeat\"> </div></a>"));
        assertThat(ids(css)).contains("html.image_only");
        MailReport text = analyse(newsletter("<h1>Autumn collection</h1><p>Our new coats and boots are in the shops"
                + " from Monday; members get ten percent off until the end of the month.</p>"
                + "<a href=\"https://shop.example.com/autumn\"><img src=\"https://shop.example.com/coat.png\"></a>"));
        assertThat(ids(text)).doesNotContain("html.image_only");
    }

    @Test
    void logoHotLinkedFromALogoRepository() throws IOException {
        MailReport r = analyse(newsletter("<img src=\"https://logo.clearbit.com/bank.example\"><p>Your statement"
                + " is ready to view.</p><a href=\"https://statements.example.net/v\">View</a>"));
        assertThat(reason(r, "html.hotlinked_logo").evidence()).contains("logo[.]clearbit[.]com");
        MailReport own = analyse(newsletter("<img src=\"https://shop.example.com/logo.png\"><p>Your statement"
                + " is ready to view.</p><a href=\"https://shop.example.com/v\">View</a>"));
        assertThat(ids(own)).doesNotContain("html.hotlinked_logo");
    }

    // ---- attachments ------------------------------------------------------------------------------------------

    @Test
    void hyperlinkInsideAnRtfDocumentIsJudged() throws IOException {
        String rtf = "{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}\\pard {\\field{\\*\\fldinst {\\rtlch\\fcs1 \\af0"
                + " \\ltrch\\fs24\\insrsid1 \r\n HYPERLINK \"https://storage.googleapis.com/shared-docs-4471/review"
                + ".html\" }}{\\fldrslt {Open the document}}}\\par}";
        MailReport r = analyse(new MailBuilder().from("Office", "office@example.org").subject("document")
                .body("Please review.")
                .attach("review.rtf", "application/rtf", rtf.getBytes(StandardCharsets.US_ASCII)));
        assertThat(reason(r, "url.storage_page").evidence()).startsWith("review.rtf: ");
    }

    @Test
    void documentsThatAreNotDocuments() throws IOException {
        MailReport byName = analyse(new MailBuilder().from("Billing", "billing@example.org").subject("statement")
                .body("Statement attached.").attach("statement.pdf", "application/octet-stream",
                        "--boundary\r\nContent-Type: application/pdf\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(reason(byName, "attachment.fake_document").message()).contains(".pdf");
        MailReport byType = analyse(new MailBuilder().from("Billing", "billing@example.org").subject("invite")
                .body("Invitation attached.").attach("invite.ics", "application/pdf", new byte[0]));
        assertThat(reason(byType, "attachment.fake_document").evidence()).contains("Content-Type application/pdf");
        MailReport notes = analyse(new MailBuilder().from("Billing", "billing@example.org").subject("notes")
                .body("Notes attached.").attach("notes.txt", "text/plain",
                        "meeting notes".getBytes(StandardCharsets.US_ASCII)));
        assertThat(ids(notes)).doesNotContain("attachment.fake_document");
    }

    @Test
    void invisibleCharactersInAnAttachmentName() throws IOException {
        MailReport r = analyse(new MailBuilder().from("Billing", "billing@example.org").subject("remittance")
                .body("See attached.").attach("Remit\u034Ftance\u034F.pdf", "application/pdf",
                        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(reason(r, "attachment.invisible_characters").message()).contains("U+034F");
        // The hidden characters do not hide a double extension either.
        MailReport d = analyse(new MailBuilder().from("Billing", "billing@example.org").subject("remittance")
                .body("See attached.").attach("remittance.pdf\u200B.html", "text/html",
                        "<html><body>hello</body></html>".getBytes(StandardCharsets.US_ASCII)));
        assertThat(ids(d)).contains("attachment.invisible_characters", "attachment.double_extension");
    }

    // ---- headers and words ------------------------------------------------------------------------------------

    @Test
    void lureWordsAreReadThroughInvisibleCharactersButEmojiAreNotInvisible() throws IOException {
        MailReport r = analyse(new MailBuilder().from("Accounts", "accounts@example.org")
                .subject("Pay\u034Fment over\u200Bdue").body("Please see below."));
        assertThat(ids(r)).contains("message.invisible_characters", "lure.payment", "lure.in_subject");
        MailReport emoji = analyse(new MailBuilder().from("Family Club", "club@example.org")
                .subject("Weekend for the family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \u2764\uFE0F")
                .body("See you there."));
        assertThat(ids(emoji)).doesNotContain("message.invisible_characters");
    }

    @Test
    void mailboxNamesWhoseCaseChangesAtRandom() throws IOException {
        for (String local : List.of("bdQAkfl", "newsletters.yrhZZiYQ", "offers.wDnT")) {
            MailReport r = analyse(new MailBuilder().from("Offers", local + "@mailer.example.net").subject("hi")
                    .body("hello"));
            assertThat(ids(r)).as(local).contains("sender.random_local_part");
        }
        for (String local : List.of("JohnSmith", "JSmith", "eBayDeals", "McDonald", "info", "SALES", "john.smith")) {
            MailReport r = analyse(new MailBuilder().from("Someone", local + "@example.com").subject("hi")
                    .body("hello"));
            assertThat(ids(r)).as(local).doesNotContain("sender.random_local_part");
        }
    }

    @Test
    void advertisingForCriminalServices() throws IOException {
        MailReport r = analyse(new MailBuilder().from("Shop", "support@shop.example.net").subject("New stock")
                .body("Fresh fullz, combolist updates daily, bulletproof hosting. Pay with crypto."));
        assertThat(ids(r)).contains("lure.fraud_services");
        MailReport honest = analyse(new MailBuilder().from("IT", "it@example.org").subject("Spam filter")
                .body("We are discarding spam more aggressively; the anti-spam tools were updated."));
        assertThat(ids(honest)).doesNotContain("lure.fraud_services");
    }

    @Test
    void lureWordsInAttachmentNames() throws IOException {
        MailReport r = analyse(new MailBuilder().from("Anna", "anna.lee@example.org").subject("hi").body("")
                .attach("Urgent_Payment_Advice.pdf", "application/pdf",
                        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(reason(r, "lure.urgency").evidence()).isEqualTo("attachment name Urgent_Payment_Advice.pdf:"
                + " \"urgent\"");
        assertThat(ids(r)).contains("lure.payment").doesNotContain("lure.in_subject");
    }
}
