package kagami.evtx;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The comparison of {@code shared/tools/evtx_xml_compare.py}, in Java: records are {@code <Event ...>...</Event>}
 * blocks compared as canonical trees — namespace-free names, attributes sorted, empty attributes and namespace
 * declarations dropped, text before the first child trimmed (Python {@code str.strip}), GUIDs upper-cased.
 *
 * <p>One addition: the script compares a block it cannot parse as whitespace-free raw text. libevtx 20181227
 * writes ANSI string values without escaping, so a value holding markup (the LiveId sample's SOAP envelopes)
 * makes its block unparsable; Kagami escapes it and stays parsable. For such blocks both sides are compared
 * after decoding character and entity references, which is the same text.
 */
final class CanonicalXml {
    private static final Pattern EVENT = Pattern.compile("<Event[ >].*?</Event>", Pattern.DOTALL);
    private static final Pattern GUID = Pattern.compile("\\{[0-9a-fA-F-]{36}\\}");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);");

    private CanonicalXml() {
    }

    /** One record: its canonical tree key, or {@code null} when unparsable, and its decoded raw text. */
    record Block(String raw, String tree, String decodedRaw, String recordId) {
    }

    static List<Block> blocks(String document) {
        DocumentBuilder parser = parser();
        List<Block> out = new ArrayList<>();
        Matcher m = EVENT.matcher(document);
        while (m.find()) {
            String raw = m.group();
            String tree;
            try {
                Element root = parser.parse(new InputSource(new StringReader(raw))).getDocumentElement();
                tree = canon(root);
            } catch (Exception e) {
                tree = null;
            }
            Matcher id = Pattern.compile("<EventRecordID>(\\d+)").matcher(raw);
            out.add(new Block(raw, tree, noWhitespace(decode(raw)), id.find() ? id.group(1) : null));
        }
        return out;
    }

    /** The canonical key of a parsed block, with the named children of the root removed. */
    static String canonWithout(String raw, String rootChildToDrop) {
        try {
            Element root = parser().parse(new InputSource(new StringReader(raw))).getDocumentElement();
            for (Node c = root.getFirstChild(); c != null; ) {
                Node next = c.getNextSibling();
                if (c instanceof Element e && localName(e).equals(rootChildToDrop)) {
                    root.removeChild(c);
                }
                c = next;
            }
            return canon(root);
        } catch (Exception e) {
            return null;
        }
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setExpandEntityReferences(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler());
            return b;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String localName(Element e) {
        String n = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        int colon = n.indexOf(':');
        return colon >= 0 ? n.substring(colon + 1) : n;
    }

    private static String canon(Element e) {
        StringBuilder b = new StringBuilder();
        String tag = localName(e);
        b.append('<').append(tag.length()).append(':').append(tag);
        TreeMap<String, String> attrs = new TreeMap<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI()) || a.getValue().isEmpty()) {
                continue;
            }
            String name = a.getLocalName() != null ? a.getLocalName() : a.getName();
            if (name.equals("xmlns")) {
                continue;
            }
            attrs.put(name, upperGuids(a.getValue()));
        }
        for (var a : attrs.entrySet()) {
            b.append(" @").append(a.getKey().length()).append(':').append(a.getKey())
                    .append('=').append(a.getValue().length()).append(':').append(a.getValue());
        }
        StringBuilder text = new StringBuilder();
        Node c = e.getFirstChild();
        for (; c != null && !(c instanceof Element); c = c.getNextSibling()) {
            if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(c.getNodeValue());
            }
        }
        String t = upperGuids(pythonStrip(text.toString()));
        b.append(" #").append(t.length()).append(':').append(t);
        for (; c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                b.append(canon(child));
            }
        }
        return b.append('>').toString();
    }

    private static String upperGuids(String s) {
        Matcher m = GUID.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group().toUpperCase(Locale.ROOT)));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Python's {@code str.isspace}: Unicode White_Space plus the information separators U+001C..U+001F. */
    static boolean isPythonSpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    static String pythonStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String noWhitespace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> !isPythonSpace(c)).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static String decode(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String g = m.group(1);
            String r;
            switch (g) {
                case "lt": r = "<"; break;
                case "gt": r = ">"; break;
                case "amp": r = "&"; break;
                case "quot": r = "\""; break;
                case "apos": r = "'"; break;
                default:
                    int cp = g.startsWith("#x") ? Integer.parseInt(g.substring(2), 16) : Integer.parseInt(g.substring(1));
                    r = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "";
            }
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString();
    }
}
