package kagami.cli.rules;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.core.Level;
import kagami.sigma.LoadError;
import kagami.sigma.SigmaException;
import kagami.sigma.rule.RuleMeta;
import kagami.sigma.rule.SigmaDocument;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kagami rules}: check and list Sigma rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage",
        subcommands = {RulesCommand.Validate.class, RulesCommand.ListRules.class, RulesUpdateCommand.class})
public final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    enum Format { text, json }

    /** {@code path:line: reason} in the user's language. */
    public static String describe(LoadError e) {
        return e.path() + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.reason(Cli.locale());
    }

    /** {@code kagami rules validate}: loads and compiles rules, reports each one that fails with file, line, reason. */
    @Command(name = "validate", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage")
    static final class Validate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "rules.paths")
        List<Path> paths;
        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", descriptionKey = "rules.format")
        Format format;
        @Option(names = "--placeholders", paramLabel = "FILE", descriptionKey = "rules.placeholders")
        Path placeholders;
        @Option(names = "--pipeline", paramLabel = "FILE", descriptionKey = "rules.pipeline")
        Path pipeline;

        @Override
        public Integer call() throws IOException, SigmaException {
            kagami.sigma.LoadedRules l = RuleSources.load(paths, placeholders, pipeline);
            List<LoadError> failed = l.allErrors();
            int loaded = l.usable();
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                StringWriter w = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
                    g.writeStartObject();
                    g.writeNumberField("loaded", loaded);
                    g.writeArrayFieldStart("failed");
                    for (LoadError e : failed) {
                        g.writeStartObject();
                        g.writeStringField("path", e.path());
                        g.writeNumberField("line", e.line());
                        g.writeStringField("reason", e.reason(Cli.locale()));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                out.println(w);
            } else {
                for (LoadError e : failed) {
                    out.println(describe(e));
                }
                out.println(Cli.messages().get("rules.validate.summary", loaded, failed.size(),
                        l.compiled().inactiveRules().size()));
            }
            out.flush();
            return failed.isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
        }
    }

    /** {@code kagami rules list}: one line per rule, filtered by level, status and tag. */
    @Command(name = "list", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage")
    static final class ListRules implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "rules.paths")
        List<Path> paths;
        @Option(names = "--level", paramLabel = "LEVEL", descriptionKey = "rules.list.level")
        String level;
        @Option(names = "--status", paramLabel = "STATUS", descriptionKey = "rules.list.status")
        List<String> status = new ArrayList<>();
        @Option(names = "--tag", paramLabel = "TAG", descriptionKey = "rules.list.tag")
        List<String> tags = new ArrayList<>();
        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", descriptionKey = "rules.format")
        Format format;

        @Override
        public Integer call() throws IOException {
            Level min = null;
            if (level != null) {
                min = Level.parse(level).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        Cli.messages().get("rules.list.badLevel", level)));
            }
            kagami.sigma.RuleSet rules = kagami.sigma.SigmaRules.load(paths, kagami.sigma.LoadOptions.defaults());
            PrintWriter out = spec.commandLine().getOut();
            StringWriter w = new StringWriter();
            JsonGenerator g = format == Format.json ? new JsonFactory().createGenerator(w) : null;
            if (g != null) {
                g.writeStartArray();
            }
            int n = 0;
            for (SigmaDocument d : rules.documents()) {
                RuleMeta m = d.meta();
                if (min != null && !m.level().atLeast(min)) {
                    continue;
                }
                if (!status.isEmpty() && status.stream().noneMatch(s -> s.equalsIgnoreCase(m.status()))) {
                    continue;
                }
                if (!tags.isEmpty() && tags.stream().noneMatch(t -> m.tags().stream().anyMatch(x -> matchesTag(x, t)))) {
                    continue;
                }
                n++;
                String kind = d instanceof SigmaDocument.CorrelationRule ? "correlation"
                        : d instanceof SigmaDocument.FilterRule ? "filter" : "rule";
                if (g != null) {
                    g.writeStartObject();
                    g.writeStringField("id", m.id());
                    g.writeStringField("kind", kind);
                    g.writeStringField("title", m.title());
                    g.writeStringField("level", m.level().sigmaName());
                    g.writeStringField("status", m.status());
                    g.writeStringField("author", m.author());
                    g.writeStringField("license", m.license());
                    g.writeArrayFieldStart("tags");
                    for (String t : m.tags()) {
                        g.writeString(t);
                    }
                    g.writeEndArray();
                    g.writeStringField("path", m.file());
                    g.writeEndObject();
                } else {
                    out.println(String.join("\t", m.key(), m.level().sigmaName(), m.status(), m.title(),
                            m.author(), m.file()));
                }
            }
            if (g != null) {
                g.writeEndArray();
                g.close();
                out.println(w);
            } else {
                out.println(Cli.messages().get("rules.list.summary", n, rules.errors().size()));
            }
            out.flush();
            return ExitCodes.OK;
        }

        /** {@code --tag attack.t1059} also matches {@code attack.t1059.001}; case-insensitive. */
        private static boolean matchesTag(String tag, String wanted) {
            String t = tag.toLowerCase(Locale.ROOT);
            String w = wanted.toLowerCase(Locale.ROOT);
            return t.equals(w) || t.startsWith(w + ".");
        }
    }
}
