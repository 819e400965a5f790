package kagami.intel.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;

/**
 * RFC 4180 records (quoted fields with doubled quotes, fields spanning lines, CRLF or LF), one at a time, with the
 * line each record starts on. Field and record sizes are bounded so a hostile file cannot exhaust memory.
 */
final class CsvParser {
    static final int MAX_FIELD = 64 * 1024;
    static final int MAX_FIELDS = 256;

    private final Reader in;
    private final String source;
    private final char delimiter;
    private int line = 1;
    private int peeked = -2;

    CsvParser(Reader in, String source, char delimiter) {
        this.in = in;
        this.source = source;
        this.delimiter = delimiter;
    }

    /** A record and the 1-based line it starts on. */
    record Record(int line, List<String> fields) {
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    /** The next record, or null at the end of input. */
    Record next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        if (line == 1 && c == '\uFEFF') {
            c = read();
            if (c == -1) {
                return null;
            }
        }
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c == -1) {
                if (quoted) {
                    throw new IntelFormatException(InputLocation.line(source, start), "", "csv.unterminated");
                }
                fields.add(f.toString());
                return new Record(start, fields);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        f.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    f.append((char) c);
                }
            } else if (c == '"' && f.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                add(fields, f, start);
                wasQuoted = false;
            } else if (c == '\r' && peek() == '\n') {
                // CRLF: the LF ends the record below
            } else if (c == '\n') {
                line++;
                fields.add(f.toString());
                return new Record(start, fields);
            } else {
                if (wasQuoted) {
                    throw new IntelFormatException(InputLocation.line(source, line), "", "csv.afterQuote");
                }
                f.append((char) c);
            }
            if (f.length() > MAX_FIELD) {
                throw new IntelFormatException(InputLocation.line(source, start), "", "csv.fieldTooLong", MAX_FIELD);
            }
            c = read();
        }
    }

    private void add(List<String> fields, StringBuilder f, int start) throws IntelFormatException {
        fields.add(f.toString());
        f.setLength(0);
        if (fields.size() > MAX_FIELDS) {
            throw new IntelFormatException(InputLocation.line(source, start), "", "csv.tooManyFields", MAX_FIELDS);
        }
    }
}
