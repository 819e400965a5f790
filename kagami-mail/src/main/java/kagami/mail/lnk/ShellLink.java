package kagami.mail.lnk;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Windows shell link (.lnk) as MS-SHLLINK 2 lays it out: {@link ShellLinkHeader}, optional
 * {@link LinkTargetIdList}, optional {@link LinkInfo}, {@link StringData}, {@link ExtraData}, and whatever
 * follows the terminal block ({@link #overlaySize}).
 *
 * <p>The parser is tolerant like Windows: a structure that runs past the end of the file ends the parse with a
 * warning and keeps what was read; only a file without a valid header is rejected.
 *
 * @param header     the fixed header
 * @param idList     the target ID list, if HasLinkTargetIDList
 * @param linkInfo   the LinkInfo, if HasLinkInfo and not ForceNoLinkInfo
 * @param strings    the string data
 * @param extraData  the extra data blocks
 * @param fileSize   bytes in the file
 * @param overlaySize bytes after the terminal block (appended content), 0 when none
 * @param warnings   structural problems met while parsing (truncation, offsets out of range)
 */
public record ShellLink(ShellLinkHeader header, Optional<LinkTargetIdList> idList, Optional<LinkInfo> linkInfo,
        StringData strings, ExtraData extraData, long fileSize, long overlaySize, List<String> warnings) {

    /** Default ANSI code page for non-Unicode strings (what lnkinfo and LnkParse3 assume). */
    public static final Charset DEFAULT_CODE_PAGE = Charset.forName("windows-1252");

    public ShellLink {
        warnings = List.copyOf(warnings);
    }

    /** Whether the file was read to its terminal block without structural problems. */
    public boolean complete() {
        return warnings.isEmpty();
    }

    /**
     * The best statement of what the link runs: LinkInfo's local path, else its network path, else the
     * EnvironmentVariableDataBlock target, else the path assembled from the ID list, else RELATIVE_PATH.
     */
    public String target() {
        if (linkInfo.isPresent()) {
            Optional<String> p = linkInfo.get().localPath().or(() -> linkInfo.get().networkPath());
            if (p.isPresent()) {
                return p.get();
            }
        }
        if (extraData.environmentTarget().isPresent()) {
            return extraData.environmentTarget().get();
        }
        String fromIds = idList.map(LinkTargetIdList::path).orElse("");
        if (!fromIds.isEmpty()) {
            return fromIds;
        }
        return strings.relativePath().orElse("");
    }

    public static ShellLink parse(byte[] data) throws LnkFormatException {
        return parse(data, DEFAULT_CODE_PAGE);
    }

    /** Parses {@code data}; {@code codePage} decodes non-Unicode strings (e.g. windows-932 for Japanese systems). */
    public static ShellLink parse(byte[] data, Charset codePage) throws LnkFormatException {
        LeBytes b = new LeBytes(data);
        List<String> warnings = new ArrayList<>();
        ShellLinkHeader h = ShellLinkHeader.read(b);
        int p = ShellLinkHeader.SIZE;
        Optional<LinkTargetIdList> ids = Optional.empty();
        Optional<LinkInfo> info = Optional.empty();
        StringData strings = new StringData(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        ExtraData extra = new ExtraData(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        long overlay = 0;
        try {
            if (h.has(ShellLinkHeader.HAS_LINK_TARGET_ID_LIST)) {
                ids = Optional.of(LinkTargetIdList.read(b, p, warnings, codePage));
                p += 2 + ids.get().size();
            }
            if (h.has(ShellLinkHeader.HAS_LINK_INFO) && !h.has(ShellLinkHeader.FORCE_NO_LINK_INFO)) {
                info = Optional.of(LinkInfo.read(b, p, warnings, codePage));
                p += (int) Math.min(Integer.MAX_VALUE / 2, info.get().size());
            } else if (h.has(ShellLinkHeader.HAS_LINK_INFO)) {
                b.require(p, 4, "LinkInfo");
                p += (int) Math.min(Integer.MAX_VALUE / 2, b.u32(p));
            }
            int[] cursor = {p};
            boolean unicode = h.has(ShellLinkHeader.IS_UNICODE);
            String[] overflow = {null};
            Optional<String> name = h.has(ShellLinkHeader.HAS_NAME)
                    ? Optional.of(readString(b, cursor, unicode, true, "NAME_STRING", overflow, codePage))
                    : Optional.empty();
            Optional<String> rel = h.has(ShellLinkHeader.HAS_RELATIVE_PATH)
                    ? Optional.of(readString(b, cursor, unicode, true, "RELATIVE_PATH", overflow, codePage))
                    : Optional.empty();
            Optional<String> wd = h.has(ShellLinkHeader.HAS_WORKING_DIR)
                    ? Optional.of(readString(b, cursor, unicode, true, "WORKING_DIR", overflow, codePage))
                    : Optional.empty();
            Optional<String> args = h.has(ShellLinkHeader.HAS_ARGUMENTS)
                    ? Optional.of(readString(b, cursor, unicode, false, "COMMAND_LINE_ARGUMENTS", overflow, codePage))
                    : Optional.empty();
            Optional<String> icon = h.has(ShellLinkHeader.HAS_ICON_LOCATION)
                    ? Optional.of(readString(b, cursor, unicode, false, "ICON_LOCATION", overflow, codePage))
                    : Optional.empty();
            strings = new StringData(name, rel, wd, args, icon, Optional.ofNullable(overflow[0]));
            p = cursor[0];
            long[] overlayOut = {0};
            extra = readExtraData(b, p, warnings, codePage, overlayOut);
            overlay = overlayOut[0];
        } catch (LnkFormatException e) {
            warnings.add(e.getMessage());
        }
        return new ShellLink(h, ids, info, strings, extra, data.length, overlay, warnings);
    }

    private static String readString(LeBytes b, int[] cursor, boolean unicode, boolean capped, String field,
            String[] overflow, Charset codePage) throws LnkFormatException {
        int p = cursor[0];
        b.require(p, 2, field);
        int declared = b.u16(p);
        int count = declared;
        if (capped && declared > StringData.MAX_PATH) {
            count = StringData.MAX_PATH;
            if (overflow[0] == null) {
                overflow[0] = field + "=" + declared;
            }
        }
        int bytes = unicode ? count * 2 : count;
        b.require(p + 2, bytes, field);
        cursor[0] = p + 2 + bytes;
        return b.decode(unicode ? StandardCharsets.UTF_16LE : codePage, p + 2, bytes);
    }

    private static ExtraData readExtraData(LeBytes b, int p, List<String> warnings, Charset codePage,
            long[] overlayOut) {
        Optional<String> env = Optional.empty();
        Optional<String> iconEnv = Optional.empty();
        Optional<String> darwin = Optional.empty();
        Optional<ExtraData.TrackerData> tracker = Optional.empty();
        Optional<String> known = Optional.empty();
        Optional<Long> special = Optional.empty();
        Optional<Long> codePageFe = Optional.empty();
        Optional<String> shim = Optional.empty();
        List<Long> signatures = new ArrayList<>();
        while (true) {
            if (!b.has(p, 4)) {
                // A link that ends right after its last structure, without the TerminalBlock, is what Windows
                // itself accepts (the padded samples do this); only stray bytes are a problem.
                if (p != b.length()) {
                    warnings.add("ExtraData ends without a terminal block at offset " + p);
                }
                break;
            }
            long size = b.u32(p);
            if (size < 4) {
                overlayOut[0] = b.length() - (p + 4L);
                break;
            }
            if (size < 8 || !b.has(p, size)) {
                warnings.add("ExtraData block at offset " + p + " of " + size + " bytes runs past the end of the file");
                break;
            }
            long sig = b.u32(p + 4);
            signatures.add(sig);
            int end = (int) (p + size);
            if (sig == ExtraData.ENVIRONMENT && size >= 0x314) {
                env = Optional.of(ansiOrUnicode(b, p, end, codePage));
            } else if (sig == ExtraData.ICON_ENVIRONMENT && size >= 0x314) {
                iconEnv = Optional.of(ansiOrUnicode(b, p, end, codePage));
            } else if (sig == ExtraData.DARWIN && size >= 0x314) {
                darwin = Optional.of(ansiOrUnicode(b, p, end, codePage));
            } else if (sig == ExtraData.TRACKER && size >= 0x60) {
                tracker = Optional.of(new ExtraData.TrackerData(b.ansiz(p + 16, p + 32, codePage), b.guid(p + 32),
                        b.guid(p + 48), b.guid(p + 64), b.guid(p + 80)));
            } else if (sig == ExtraData.KNOWN_FOLDER && size >= 0x1c) {
                known = Optional.of(b.guid(p + 8));
            } else if (sig == ExtraData.SPECIAL_FOLDER && size >= 0x10) {
                special = Optional.of(b.u32(p + 8));
            } else if (sig == ExtraData.CONSOLE_FE && size >= 0xc) {
                codePageFe = Optional.of(b.u32(p + 8));
            } else if (sig == ExtraData.SHIM && size > 8) {
                shim = Optional.of(b.unicodez(p + 8, end));
            }
            p = end;
        }
        return new ExtraData(env, iconEnv, darwin, tracker, known, special, codePageFe, shim, signatures);
    }

    /** TargetAnsi (260 bytes at +8) and TargetUnicode (520 bytes at +268): the Unicode one wins when set. */
    private static String ansiOrUnicode(LeBytes b, int p, int end, Charset codePage) {
        String unicode = b.unicodez(p + 268, Math.min(end, p + 268 + 520));
        return unicode.isEmpty() ? b.ansiz(p + 8, Math.min(end, p + 268), codePage) : unicode;
    }
}
