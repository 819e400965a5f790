package kagami.hunt.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The simulated organisation: a small Japanese think tank (domain THINKTANK) with three workstations, a file server
 * and a domain controller, observed for five working days. Holds the long-running processes every event refers to.
 */
final class Estate {
    /** Monday 16 June 2025, 00:00 UTC (09:00 in Tokyo). */
    static final Instant START = Instant.parse("2025-06-16T00:00:00Z");
    static final int DAYS = 5;
    static final String DOMAIN = "THINKTANK";
    static final String SID = "S-1-5-21-3623811015-3361044348-30300820-";

    /** An account of the domain. */
    record Account(String name, String rid) {
        String qualified() {
            return DOMAIN + "\\" + name;
        }

        String sid() {
            return SID + rid;
        }
    }

    static final Account SATO = new Account("k.sato", "1107");
    static final Account TANAKA = new Account("m.tanaka", "1112");
    static final Account KIMURA = new Account("h.kimura", "1110");
    static final Account ADMIN = new Account("adm-y.suzuki", "1104");

    final Host ws01;
    final Host ws02;
    final Host ws03;
    final Host fs01;
    final Host dc01;
    final RandomGenerator random;

    Estate(RandomGenerator random) {
        this.random = random;
        ws01 = new Host("TT-WS01.thinktank.local", "10.20.0.31", "workstation (researcher k.sato)", random);
        ws02 = new Host("TT-WS02.thinktank.local", "10.20.0.32", "workstation (developer m.tanaka)", random);
        ws03 = new Host("TT-WS03.thinktank.local", "10.20.0.33", "workstation (research assistant h.kimura)", random);
        fs01 = new Host("TT-FS01.thinktank.local", "10.20.1.20", "file server", random);
        dc01 = new Host("TT-DC01.thinktank.local", "10.20.0.5", "domain controller", random);
    }

    List<Host> hosts() {
        return List.of(ws01, ws02, ws03, fs01, dc01);
    }

    List<Host> workstations() {
        return List.of(ws01, ws02, ws03);
    }

    Account userOf(Host h) {
        return h == ws01 ? SATO : h == ws02 ? TANAKA : KIMURA;
    }

    /** {@code day} (0-based) at {@code hh:mm:ss} UTC, plus a seeded jitter of up to {@code jitterMillis}. */
    Instant at(int day, String time, int jitterMillis) {
        Instant t = START.plus(Duration.ofDays(day)).plusSeconds(LocalTime.parse(time).toSecondOfDay());
        return jitterMillis > 0 ? t.plusMillis(random.nextInt(jitterMillis)).plusNanos(random.nextInt(1000) * 1000L) : t;
    }

    // Long-running processes, one per host, created once so their ids stay stable.
    Proc services(Host h) {
        return cached(h, 0, () -> h.proc("C:\\Windows\\System32\\services.exe", "C:\\Windows\\system32\\services.exe", Host.SYSTEM));
    }

    Proc scheduler(Host h) {
        return cached(h, 1, () -> h.proc("C:\\Windows\\System32\\svchost.exe",
                "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule", Host.SYSTEM));
    }

    Proc wmi(Host h) {
        return cached(h, 2, () -> h.proc("C:\\Windows\\System32\\wbem\\WmiPrvSE.exe",
                "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", Host.SYSTEM));
    }

    Proc lsass(Host h) {
        return cached(h, 3, () -> h.proc("C:\\Windows\\System32\\lsass.exe", "C:\\Windows\\system32\\lsass.exe", Host.SYSTEM));
    }

    Proc explorer(Host h) {
        return cached(h, 4, () -> h.proc("C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", userOf(h).qualified()));
    }

    Proc wuauserv(Host h) {
        return cached(h, 5, () -> h.proc("C:\\Windows\\System32\\svchost.exe",
                "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s wuauserv", Host.SYSTEM));
    }

    Proc defender(Host h) {
        return cached(h, 6, () -> h.proc("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.25040.2-0\\MsMpEng.exe",
                "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.25040.2-0\\MsMpEng.exe\"", Host.SYSTEM));
    }

    Proc dnsClient(Host h) {
        return cached(h, 7, () -> h.proc("C:\\Windows\\System32\\svchost.exe",
                "C:\\Windows\\system32\\svchost.exe -k NetworkService -p -s Dnscache", "NT AUTHORITY\\NETWORK SERVICE"));
    }

    Proc firewallService(Host h) {
        return cached(h, 8, () -> h.proc("C:\\Windows\\System32\\svchost.exe",
                "C:\\Windows\\system32\\svchost.exe -k LocalServiceNoNetworkFirewall -p", "NT AUTHORITY\\LOCAL SERVICE"));
    }

    private final Map<String, Proc> cache = new HashMap<>();

    private Proc cached(Host h, int slot, Supplier<Proc> make) {
        return cache.computeIfAbsent(h.name() + "#" + slot, k -> make.get());
    }
}
