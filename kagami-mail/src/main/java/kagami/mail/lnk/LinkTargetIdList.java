package kagami.mail.lnk;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * MS-SHLLINK 2.2 LinkTargetIDList: IDListSize, then ItemIDs (2.2.2: ItemIDSize including itself, then data) up
 * to a TerminalID of two zero bytes. The target path of many malicious shortcuts (cmd.exe, powershell.exe) is
 * only here, because they carry no LinkInfo.
 *
 * @param items the shell items in order
 * @param size  IDListSize
 */
public record LinkTargetIdList(List<ShellItem> items, int size) {

    public LinkTargetIdList {
        items = List.copyOf(items);
    }

    /** Path built from the volume and file entry names ({@code C:\Windows\System32\cmd.exe}); may be empty. */
    public String path() {
        StringBuilder sb = new StringBuilder();
        for (ShellItem i : items) {
            switch (i.kind()) {
                case VOLUME, NETWORK_LOCATION -> sb.append(i.name());
                case FILE_ENTRY -> {
                    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\\') {
                        sb.append('\\');
                    }
                    sb.append(i.name());
                }
                default -> { }
            }
        }
        return sb.toString();
    }

    static LinkTargetIdList read(LeBytes b, int o, List<String> warnings, Charset codePage)
            throws LnkFormatException {
        b.require(o, 2, "LinkTargetIDList");
        int size = b.u16(o);
        int end = o + 2 + size;
        if (!b.has(o + 2, size)) {
            warnings.add("LinkTargetIDList of " + size + " bytes runs past the end of the file");
            end = b.length();
        }
        List<ShellItem> items = new ArrayList<>();
        int p = o + 2;
        while (p + 2 <= end) {
            int itemSize = b.u16(p);
            if (itemSize == 0) {
                break;
            }
            if (itemSize < 2 || p + itemSize > end) {
                warnings.add("ItemID at offset " + p + " declares " + itemSize + " bytes past the ID list");
                break;
            }
            items.add(ShellItem.read(b, p, itemSize, codePage));
            p += itemSize;
        }
        return new LinkTargetIdList(items, size);
    }
}
