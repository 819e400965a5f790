package kagami.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code kagami} command line, with what it printed, for the CLI's tests. */
public record CliRun(int code, String out, String err) {
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kagami.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
