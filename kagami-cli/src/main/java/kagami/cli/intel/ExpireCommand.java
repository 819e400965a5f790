package kagami.cli.intel;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import kagami.cli.ExitCodes;
import kagami.core.IndicatorType;
import kagami.intel.store.IntelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kagami intel expire}: gives open-ended network indicators a lifetime (IPs go stale fastest, then URLs and
 * domains; hashes never), reports what has expired, and with {@code --purge} deletes it.
 */
@Command(name = "expire", mixinStandardHelpOptions = true)
final class ExpireCommand extends IntelSubcommand {
    @Mixin
    IntelCommand.DbOption db;

    @Option(names = "--ip-days", paramLabel = "N", descriptionKey = "intel.expire.ipDays")
    Integer ipDays;

    @Option(names = "--domain-days", paramLabel = "N", descriptionKey = "intel.expire.domainDays")
    Integer domainDays;

    @Option(names = "--url-days", paramLabel = "N", descriptionKey = "intel.expire.urlDays")
    Integer urlDays;

    @Option(names = "--purge", descriptionKey = "intel.expire.purge")
    boolean purge;

    @Override
    Integer execute() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<IndicatorType, Duration> life = new EnumMap<>(IndicatorType.class);
        if (ipDays != null) {
            for (IndicatorType t : new IndicatorType[] {IndicatorType.IPV4, IndicatorType.IPV6, IndicatorType.CIDR}) {
                life.put(t, Duration.ofDays(ipDays));
            }
        }
        if (domainDays != null) {
            life.put(IndicatorType.DOMAIN, Duration.ofDays(domainDays));
            life.put(IndicatorType.HOSTNAME, Duration.ofDays(domainDays));
        }
        if (urlDays != null) {
            life.put(IndicatorType.URL, Duration.ofDays(urlDays));
        }
        for (Duration d : life.values()) {
            if (d.isNegative() || d.isZero()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        IntelCommand.text().get("intel.error.days"));
            }
        }
        try (IntelStore store = db.open()) {
            IntelStore.ExpiryResult r = store.expire(Instant.now(), life, purge);
            out.println(IntelCommand.text().get("intel.expire.done", r.lifetimesSet(), r.expired(), r.purged()));
        }
        return ExitCodes.OK;
    }
}
