package kagami.mail.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a macro-enabled Word document (.docm, ECMA-376 OPC package) holding a real VBA project, for stand-in
 * MirrorFace lures: the macro auto-runs (AutoOpen / Document_Open) and calls Shell-like APIs, but the command it
 * names only echoes a word.
 */
public final class OfficeBuilder {
    private OfficeBuilder() {
    }

    /** The stand-in macro: AutoOpen, a StrReverse-hidden "WScript.Shell", CreateObject(...).Run and Shell. */
    public static String lureMacro() {
        return "Attribute VB_Name = \"NewMacros\"\r\n"
                + "Sub AutoOpen()\r\n"
                + "    Dim d As String\r\n"
                + "    d = Environ(\"PUBLIC\") & \"\\TMWJPA\\\"\r\n"
                + "    MkDir d\r\n"
                + "    Set sh = CreateObject(StrReverse(\"llehS.tpircSW\"))\r\n"
                + "    sh.Run \"cmd /c echo kagami-benign-stand-in\", 0\r\n"
                + "    Shell \"cmd /c echo kagami-benign-stand-in\", vbHide\r\n"
                + "End Sub\r\n";
    }

    public static byte[] docm(String macroSource) throws IOException {
        byte[] vba = new VbaProjectBuilder()
                .documentModule("ThisDocument", "Attribute VB_Name = \"ThisDocument\"\r\n")
                .module("NewMacros", macroSource)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            put(z, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/>"
                    + "</Types>");
            put(z, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                    + "</Relationships>");
            put(z, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                    + "<w:p><w:r><w:t>\u30b3\u30f3\u30c6\u30f3\u30c4\u306e\u6709\u52b9\u5316\u3092\u30af\u30ea\u30c3\u30af\u3057\u3066\u304f\u3060\u3055\u3044</w:t></w:r></w:p>"
                    + "</w:body></w:document>");
            put(z, "word/_rels/document.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/>"
                    + "</Relationships>");
            ZipEntry e = new ZipEntry("word/vbaProject.bin");
            e.setTime(0);
            z.putNextEntry(e);
            z.write(vba);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream z, String name, String text) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        z.putNextEntry(e);
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
