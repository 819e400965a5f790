package kagami.hunt.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kagami.core.i18n.Messages;

/**
 * A realistic, deterministic MirrorFace-style intrusion data set: five hosts of a think tank (three workstations, a
 * file server, a domain controller) over five working days, benign background activity plus an attack chain from a
 * phishing shortcut to exfiltration and log clearing, as Sysmon, Security, PowerShell, TaskScheduler, System and
 * Firewall events in the evtx-crate JSON shape (one JSONL file per host and channel) and a {@code manifest.json} that
 * lists each attack step with its events and the bundled rules expected to detect it.
 *
 * <p>The same seed always gives byte-identical files; the seed varies process ids, GUIDs, record numbers, the
 * background activity and small timing jitter, never the attack chain's story.
 */
public final class DemoDataSet {
    /** The seed {@code kagami demo} uses unless told otherwise. */
    public static final long DEFAULT_SEED = 20250108L;

    private static final String MESSAGES = "kagami.hunt.demo.messages";

    private DemoDataSet() {
    }

    /**
     * Generates the data set into {@code outDir} (created if needed; existing files of the same names are replaced).
     *
     * @return what was written, including the attack steps and their expected detections
     */
    public static DemoManifest write(Path outDir, long seed) throws IOException {
        return write(outDir, outDir.resolve(DemoManifest.FILE_NAME), seed);
    }

    /**
     * Generates the data set with the event logs in {@code logDir} and the manifest in {@code manifestFile}, so a
     * folder of logs holds nothing but logs ({@code kagami demo} hunts the folder as a user would). The manifest's
     * file paths stay relative to {@code logDir}; its {@code logs} member says where that is, relative to itself.
     */
    public static DemoManifest write(Path logDir, Path manifestFile, long seed) throws IOException {
        return write(logDir, manifestFile, seed, LogFormat.JSONL);
    }

    /** As {@link #write(Path, Path, long)}, with the event logs in {@code format}; the events are the same. */
    public static DemoManifest write(Path logDir, Path manifestFile, long seed, LogFormat format) throws IOException {
        Files.createDirectories(logDir);
        Path manifestDir = manifestFile.toAbsolutePath().normalize().getParent();
        Files.createDirectories(manifestDir);
        SplittableRandom random = new SplittableRandom(seed);
        Estate estate = new Estate(random.split());
        EventLog log = new EventLog();
        Records records = new Records(log);
        new BenignActivity(estate, records).generate();
        List<StepDraft> steps = new AttackChain(estate, records).generate();
        List<DemoManifest.LogFile> files = log.write(logDir, random.split(), format);

        PackRules pack = PackRules.load();
        Messages en = Messages.load(MESSAGES, Locale.ENGLISH);
        Messages ja = Messages.load(MESSAGES, Locale.JAPANESE);
        List<DemoManifest.AttackStep> attackSteps = new ArrayList<>();
        for (StepDraft s : steps) {
            List<DemoManifest.EventRef> refs = s.events.stream().map(log::ref).toList();
            attackSteps.add(new DemoManifest.AttackStep(s.id, en.get("step." + s.id), ja.get("step." + s.id), s.host.name(),
                    s.events.stream().map(Draft::time).min(java.util.Comparator.naturalOrder()).orElseThrow(), s.techniques,
                    s.rules.stream().map(pack::get).toList(), s.correlations.stream().map(pack::get).toList(), refs));
        }
        List<DemoManifest.HostInfo> hosts = estate.hosts().stream()
                .map(h -> new DemoManifest.HostInfo(h.name(), h.ip(), h.role())).toList();
        DemoManifest manifest = new DemoManifest(seed, Estate.START, Estate.START.plus(Duration.ofDays(Estate.DAYS)), hosts,
                files, attackSteps, log.size());
        String logs = manifestDir.relativize(logDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
        manifest.writeJson(manifestFile, logs.isEmpty() ? "." : logs);
        return manifest;
    }
}
