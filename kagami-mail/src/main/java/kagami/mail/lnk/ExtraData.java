package kagami.mail.lnk;

import java.util.List;
import java.util.Optional;

/**
 * MS-SHLLINK 2.5 ExtraData: the blocks after StringData, each BlockSize (u32) and BlockSignature (u32), up to a
 * TerminalBlock smaller than 4 bytes. Bytes after the terminal block are an overlay (appended CAB, ZIP or PE).
 *
 * @param environmentTarget   2.5.4 EnvironmentVariableDataBlock target ({@code %windir%\system32\cmd.exe})
 * @param iconEnvironment     2.5.5 IconEnvironmentDataBlock path
 * @param darwinId            2.5.3 DarwinDataBlock application identifier
 * @param tracker             2.5.10 TrackerDataBlock (machine name and droids)
 * @param knownFolderId       2.5.6 KnownFolderDataBlock GUID
 * @param specialFolderId     2.5.9 SpecialFolderDataBlock CSIDL
 * @param consoleCodePage     2.5.2 ConsoleFEDataBlock CodePage
 * @param shimLayer           2.5.8 ShimDataBlock layer name
 * @param signatures          every block signature in file order (unknown ones included)
 */
public record ExtraData(Optional<String> environmentTarget, Optional<String> iconEnvironment,
        Optional<String> darwinId, Optional<TrackerData> tracker, Optional<String> knownFolderId,
        Optional<Long> specialFolderId, Optional<Long> consoleCodePage, Optional<String> shimLayer,
        List<Long> signatures) {

    public ExtraData {
        signatures = List.copyOf(signatures);
    }

    /**
     * 2.5.10 TrackerDataBlock: the NetBIOS name of the machine the link was made on and the distributed link
     * tracking droids; reused machine names are a campaign pivot.
     */
    public record TrackerData(String machineId, String droidVolumeId, String droidFileId, String birthDroidVolumeId,
            String birthDroidFileId) {
    }

    static final long CONSOLE = 0xa0000002L;
    static final long CONSOLE_FE = 0xa0000004L;
    static final long DARWIN = 0xa0000006L;
    static final long ENVIRONMENT = 0xa0000001L;
    static final long ICON_ENVIRONMENT = 0xa0000007L;
    static final long KNOWN_FOLDER = 0xa000000bL;
    static final long PROPERTY_STORE = 0xa0000009L;
    static final long SHIM = 0xa0000008L;
    static final long SPECIAL_FOLDER = 0xa0000005L;
    static final long TRACKER = 0xa0000003L;
    static final long VISTA_AND_ABOVE_ID_LIST = 0xa000000cL;
}
