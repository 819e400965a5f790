package kagami.mail;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kagami.core.Verdict;
import kagami.core.i18n.Messages;
import kagami.mail.archive.ExtractionBudget;
import kagami.mail.body.BodyAnalysis;
import kagami.mail.html.HtmlAnalysis;
import kagami.mail.mime.MailMessage;
import kagami.mail.mime.MboxSplitter;
import kagami.mail.mime.MessagePart;
import kagami.mail.mime.MimeReader;
import kagami.mail.mime.OutlookMessageReader;
import kagami.mail.sender.SenderAnalysis;
import kagami.mail.url.Link;
import kagami.mail.url.LinkExtractor;
import kagami.mail.url.UrlAnalysis;
import kagami.mail.verdict.Finding;
import kagami.mail.verdict.Incomplete;
import kagami.mail.verdict.Scoring;

/**
 * Triage of mail: reads .eml, mbox, Outlook .msg, Maildir and plain folders, and for each message returns a
 * {@link MailReport} whose {@link Verdict} is explained by weighted reasons with their evidence and ATT&CK
 * technique. Stateless between messages and safe to share between threads.
 */
public final class MailAnalyser {
    private static final int MAX_LINKS = 2000;
    private static final long MAX_HTML_CHARS = 8L << 20;

    private final MailConfig config;
    private final Scoring scoring;
    private final SenderAnalysis sender;
    private final UrlAnalysis urls;
    private final BodyAnalysis body;

    public MailAnalyser(MailConfig config) {
        this.config = config;
        Messages messages = config.messages();
        this.scoring = new Scoring(config.weights(), messages);
        this.sender = new SenderAnalysis(config.organisation(), config.lists());
        this.urls = new UrlAnalysis(config.lists());
        this.body = new BodyAnalysis(config.lists());
    }

    public MailConfig config() {
        return config;
    }

    /** The mail files under {@code path}: the file itself, or every regular file below a folder (Maildir too). */
    public static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.walk(path)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** Analyses every message of one file (an mbox yields several), handing each report to {@code sink}. */
    public void analyseFile(Path file, Consumer<MailReport> sink) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            analyseStream(file.toString(), raw, sink);
        }
    }

    /** Analyses every message of a stream: .msg by its compound-file magic, mbox by its "From " line, else .eml. */
    public void analyseStream(String name, InputStream raw, Consumer<MailReport> sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(16);
        byte[] head = in.readNBytes(8);
        in.reset();
        if (head.length == 8 && (head[0] & 0xff) == 0xd0 && (head[1] & 0xff) == 0xcf && (head[2] & 0xff) == 0x11
                && (head[3] & 0xff) == 0xe0) {
            MailMessage m;
            try {
                m = new OutlookMessageReader(config.mimeLimits()).read(in);
            } catch (IOException | RuntimeException e) {
                sink.accept(unreadable(name, e));
                return;
            }
            sink.accept(analyse(name, m));
            return;
        }
        if (MboxSplitter.isMbox(head, head.length)) {
            MboxSplitter split = new MboxSplitter(in);
            InputStream msg;
            int n = 0;
            while ((msg = split.next()) != null) {
                n++;
                String id = n == 1 ? name : name + "#" + n;
                MailMessage m = new MimeReader(config.mimeLimits()).read(msg);
                msg.transferTo(java.io.OutputStream.nullOutputStream());
                sink.accept(analyse(id, m));
            }
            return;
        }
        sink.accept(analyse(name, new MimeReader(config.mimeLimits()).read(in)));
    }

    /** Convenience: every report of {@code path} (file or folder). */
    public List<MailReport> analyse(Path path) throws IOException {
        List<MailReport> out = new ArrayList<>();
        for (Path f : files(path)) {
            analyseFile(f, out::add);
        }
        return out;
    }

    private MailReport unreadable(String name, Exception e) {
        Incomplete i = new Incomplete("parse.message", name, e.getClass().getSimpleName() + ": " + e.getMessage());
        Verdict v = scoring.verdict(name, List.of(), List.of(i));
        return new MailReport(name, "", "", "", "", v, Verdict.Level.CLEAN, List.of(), 0);
    }

    /** Analyses one parsed message. */
    public MailReport analyse(String name, MailMessage m) {
        List<Finding> findings = new ArrayList<>(sender.analyse(m));
        List<Incomplete> incomplete = new ArrayList<>();
        for (MailMessage.Problem p : m.problems()) {
            if (!p.cause().equals("msg.no_transport_headers") && !p.cause().equals("limit.part_size")) {
                incomplete.add(new Incomplete(p.cause(), "MIME", p.detail()));
            }
        }
        List<Link> links = new ArrayList<>();
        List<Link> images = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String t : m.textBodies()) {
            text.append(t).append('\n');
            links.addAll(LinkExtractor.fromText(t, "text body", MAX_LINKS));
        }
        for (String h : m.htmlBodies()) {
            String html = h;
            if (html.length() > MAX_HTML_CHARS) {
                incomplete.add(new Incomplete("limit.html_size", "html body", html.length() + " characters"));
                html = html.substring(0, (int) MAX_HTML_CHARS);
            }
            HtmlAnalysis.Result r = HtmlAnalysis.analyse(html, "html body", false, MAX_LINKS);
            findings.addAll(r.findings());
            links.addAll(r.links());
            r.images().forEach(i -> images.add(new Link(i, "", "html body")));
            text.append(r.text()).append('\n');
        }
        String allText = text.toString();
        List<String> names = m.parts().stream().map(MessagePart::fileName).filter(n -> !n.isEmpty()).toList();
        findings.addAll(body.lures(m.subject(), allText, names));
        findings.addAll(body.headerSignals(m));
        findings.addAll(urls.images(images));
        List<String> bodyPasswords = BodyAnalysis.passwords(m.subject() + "\n" + allText);
        ExtractionBudget budget = new ExtractionBudget(config.budget());
        AttachmentInspector inspector = new AttachmentInspector(config, budget, bodyPasswords);
        for (MessagePart p : m.parts()) {
            inspector.part(p);
        }
        for (MailMessage.Problem p : m.problems()) {
            if (p.cause().equals("limit.part_size")) {
                inspector.incomplete.add(new Incomplete("limit.part_size", "MIME", p.detail()));
            }
        }
        findings.addAll(inspector.findings);
        incomplete.addAll(inspector.incomplete);
        links.addAll(inspector.links);
        if (links.size() > MAX_LINKS) {
            links = links.subList(0, MAX_LINKS);
        }
        findings.addAll(urls.analyse(links));
        findings.addAll(Patterns.combine(findings, !links.isEmpty()));
        Verdict v = scoring.verdict(name, findings, incomplete);
        Verdict.Level assessed = scoring.levelOf(v.score());
        String from = m.sender().map(Object::toString).orElse(String.join(" ", m.header("From")));
        return new MailReport(name, m.firstHeader("Message-ID").orElse(""), from, m.subject(),
                m.firstHeader("Date").orElse(""), v, assessed, inspector.artefacts, links.size());
    }

    /**
     * Signals that only mean something together, as MirrorFace's mails combined them (NPA/NISC 2025): a freemail
     * sender with a payload, a credential lure with a risky link, an impersonated sender with a link.
     */
    static final class Patterns {
        private Patterns() {
        }

        static List<Finding> combine(List<Finding> findings, boolean hasLinks) {
            Set<String> s = findings.stream().map(Finding::signal).collect(Collectors.toSet());
            List<Finding> out = new ArrayList<>();
            boolean freemail = s.contains("sender.freemail");
            boolean payload = s.contains("attachment.lnk") || s.contains("office.vba") || s.contains("archive.encrypted")
                    || s.contains("attachment.executable") || s.contains("attachment.script")
                    || s.contains("url.file_sharing") || s.contains("office.xlm") || s.contains("attachment.disk_image");
            if (freemail && payload) {
                out.add(Finding.of("pattern.freemail_with_payload", evidence(findings, "sender.freemail")));
            }
            if (freemail && s.stream().anyMatch(x -> x.startsWith("lure.") && !x.equals("lure.mirrorface"))) {
                out.add(Finding.of("pattern.freemail_with_lure", evidence(findings, "sender.freemail")));
            }
            boolean lure = s.contains("lure.credential") || s.contains("lure.document_share")
                    || s.contains("lure.payment") || s.contains("lure.urgency");
            boolean riskyLink = s.stream().anyMatch(x -> x.equals("url.text_mismatch") || x.equals("url.free_hosting")
                    || x.equals("url.shortener") || x.equals("url.ip_host") || x.equals("url.suspicious_tld")
                    || x.equals("url.punycode") || x.equals("url.userinfo") || x.equals("html.credential_form")
                    || x.equals("url.file_sharing") || x.equals("html.meta_refresh") || x.equals("url.storage_page")
                    || x.equals("url.obfuscated_host"));
            if (lure && riskyLink) {
                out.add(Finding.of("pattern.lure_with_risky_link", evidence(findings, "lure.credential",
                        "lure.document_share", "lure.payment", "lure.urgency")));
            }
            boolean impersonation = s.contains("sender.impersonates_brand") || s.contains("sender.service_name")
                    || s.contains("sender.display_name_address") || s.contains("sender.lookalike_domain")
                    || s.contains("sender.impersonates_organisation") || s.contains("sender.impersonates_vip")
                    || s.contains("sender.freemail_claims_institution");
            if (impersonation && (hasLinks || s.stream().anyMatch(x -> x.startsWith("attachment.")))) {
                out.add(Finding.of("pattern.impersonation_with_payload", evidence(findings,
                        "sender.impersonates_brand", "sender.service_name", "sender.display_name_address",
                        "sender.lookalike_domain", "sender.impersonates_organisation", "sender.impersonates_vip",
                        "sender.freemail_claims_institution")));
            }
            return out;
        }

        private static String evidence(List<Finding> findings, String... signals) {
            for (String sig : signals) {
                for (Finding f : findings) {
                    if (f.signal().equals(sig)) {
                        return f.evidence();
                    }
                }
            }
            return "";
        }
    }
}
