package kagami.cli.intel;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.core.Tlp;
import kagami.intel.stix.StixObjects;
import kagami.intel.store.IntelStore;
import kagami.intel.taxii.ObjectFilter;
import kagami.intel.taxii.TaxiiClient;
import kagami.intel.taxii.TaxiiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kagami intel pull --taxii URL --collection ID}: pulls a TAXII 2.1 collection, resuming where the last
 * pull stopped. Secrets come from environment variables, never from the command line (which other users of the
 * machine can read in the process list).
 */
@Command(name = "pull", mixinStandardHelpOptions = true)
final class PullCommand extends IntelSubcommand {
    @Mixin
    IntelCommand.DbOption db;

    @Option(names = "--taxii", required = true, paramLabel = "URL", descriptionKey = "intel.pull.taxii")
    URI taxii;

    @Option(names = "--collection", paramLabel = "ID", descriptionKey = "intel.pull.collection")
    String collection;

    @Option(names = "--since", paramLabel = "TIME", descriptionKey = "intel.pull.since")
    String since;

    @Option(names = "--match-type", paramLabel = "TYPE", split = ",", descriptionKey = "intel.pull.matchType")
    List<String> matchType = List.of();

    @Option(names = "--match-id", paramLabel = "ID", split = ",", descriptionKey = "intel.pull.matchId")
    List<String> matchId = List.of();

    @Option(names = "--match-version", paramLabel = "VERSION", split = ",",
            descriptionKey = "intel.pull.matchVersion")
    List<String> matchVersion = List.of();

    @Option(names = "--user", paramLabel = "USER", descriptionKey = "intel.pull.user")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", descriptionKey = "intel.pull.passwordEnv")
    String passwordEnv = "KAGAMI_TAXII_PASSWORD";

    @Option(names = "--api-key-env", paramLabel = "VAR", descriptionKey = "intel.pull.apiKeyEnv")
    String apiKeyEnv;

    @Option(names = "--api-key-header", paramLabel = "HEADER", descriptionKey = "intel.pull.apiKeyHeader")
    String apiKeyHeader = "Authorization";

    @Option(names = "--limit", paramLabel = "N", descriptionKey = "intel.pull.limit")
    int limit;

    @Option(names = "--tlp", paramLabel = "TLP", descriptionKey = "intel.import.tlp",
            converter = ImportCommand.TlpConverter.class)
    Tlp tlp = Tlp.AMBER;

    @Option(names = "--continue-on-error", descriptionKey = "intel.import.continueOnError")
    boolean continueOnError;

    @Option(names = "--timeout", paramLabel = "SECONDS", descriptionKey = "intel.pull.timeout")
    int timeout = 60;

    @Override
    Integer execute() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var t = IntelCommand.text();
        TaxiiClient.Auth auth = new TaxiiClient.Auth.None();
        if (user != null) {
            String pw = System.getenv(passwordEnv);
            if (pw == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        t.get("intel.error.noSecret", passwordEnv));
            }
            auth = new TaxiiClient.Auth.Basic(user, pw);
        } else if (apiKeyEnv != null) {
            String key = System.getenv(apiKeyEnv);
            if (key == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), t.get("intel.error.noSecret", apiKeyEnv));
            }
            auth = new TaxiiClient.Auth.ApiKey(apiKeyHeader, apiKeyHeader.equalsIgnoreCase("Authorization")
                    && !key.contains(" ") ? "Bearer " + key : key);
        }
        ObjectFilter filter;
        try {
            filter = ObjectFilter.of(matchType, matchId, matchVersion);
        } catch (TaxiiException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.describe(Cli.locale()));
        }
        Optional<String> from = Optional.empty();
        if (since != null) {
            from = Optional.of(StixObjects.timestamp(ExportCommand.parseSince(since)));
        }
        TaxiiClient client = new TaxiiClient(auth, Duration.ofSeconds(timeout));
        URI root = taxii;
        if (taxii.getPath() == null || taxii.getPath().isEmpty() || taxii.getPath().equals("/")
                || taxii.getPath().endsWith("/taxii2/") || taxii.getPath().endsWith("/taxii2")) {
            List<URI> roots = client.discover(taxii);
            if (roots.isEmpty()) {
                spec.commandLine().getErr().println("kagami: " + t.get("intel.pull.noApiRoot", taxii));
                return ExitCodes.INPUT_ERROR;
            }
            root = roots.get(0);
        }
        client.apiRoot(root);
        if (collection == null) {
            out.println(t.get("intel.pull.collections", root));
            for (TaxiiClient.Collection c : client.collections(root)) {
                out.println("  " + c.id() + "\t" + c.title()
                        + (c.canRead() ? "" : "\t" + t.get("intel.pull.noRead")));
            }
            return ExitCodes.OK;
        }
        try (IntelStore store = db.open()) {
            TaxiiClient.PullResult r = client.pull(store, root, collection, filter, from, limit,
                    IntelStore.ImportOptions.defaults().withDefaultTlp(tlp).withContinueOnError(continueOnError));
            for (kagami.intel.IntelMessage w : r.warnings()) {
                IntelCommand.warn(spec.commandLine().getErr(), w);
            }
            out.println(t.get("intel.pull.done", r.objects(), r.pages(), root, collection, r.added(), r.updated(),
                    r.addedAfter().orElse("-")));
        }
        return ExitCodes.OK;
    }
}
