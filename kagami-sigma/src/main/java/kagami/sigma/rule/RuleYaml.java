package kagami.sigma.rule;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import kagami.sigma.SigmaException;

/**
 * Reads the YAML documents of a rule file into plain values ({@link YamlMap}, {@link List}, {@link String},
 * {@link Long}, {@link Double}, {@link Boolean}, {@code null}) with hostile-input limits: bounded nesting, a bounded
 * number of aliases, and a bound on the number of nodes an alias-laden document may expand to (the "billion
 * laughs" attack expands a few lines into billions of nodes).
 */
public final class RuleYaml {
    /** Deepest YAML nesting accepted; Sigma rules nest fewer than 8 levels. */
    public static final int MAX_NESTING = 64;
    /** Aliases to collections accepted per file; Sigma rules use none. */
    public static final int MAX_ALIASES = 32;
    /** Nodes a document may expand to after aliases are resolved. */
    public static final int MAX_NODES = 200_000;
    /** Characters in a rule file. */
    public static final int MAX_FILE_CHARS = 4 * 1024 * 1024;

    private RuleYaml() {
    }

    /** One YAML document of a file: its value, or why it could not be read. */
    public record Document(Object value, int line, SigmaException error) {
    }

    /** All documents of {@code text}; a syntax error ends the file (YAML cannot resynchronise after one). */
    public static List<Document> read(String text) {
        List<Document> out = new ArrayList<>();
        if (text.length() > MAX_FILE_CHARS) {
            out.add(new Document(null, 1, new SigmaException("rule file has " + text.length()
                    + " characters, more than the limit of " + MAX_FILE_CHARS, 1)));
            return out;
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_FILE_CHARS);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(options);
        Iterator<Node> it = yaml.composeAll(new StringReader(text)).iterator();
        while (true) {
            Node node;
            try {
                if (!it.hasNext()) {
                    break;
                }
                node = it.next();
            } catch (MarkedYAMLException e) {
                Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                int line = m == null ? 0 : m.getLine() + 1;
                out.add(new Document(null, line, new SigmaException("YAML: " + oneLine(e.getProblem()
                        + (e.getContext() != null ? " (" + e.getContext() + ")" : "")), line)));
                break;
            } catch (YAMLException | StackOverflowError e) {
                out.add(new Document(null, 0, new SigmaException("YAML: " + oneLine(String.valueOf(e.getMessage())), 0)));
                break;
            }
            if (node == null) {
                continue;
            }
            int line = node.getStartMark().getLine() + 1;
            try {
                out.add(new Document(convert(node, new int[] {0}, 0), line, null));
            } catch (SigmaException e) {
                out.add(new Document(null, line, e));
            }
        }
        return out;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').trim();
    }

    private static Object convert(Node node, int[] budget, int depth) throws SigmaException {
        int line = node.getStartMark().getLine() + 1;
        if (++budget[0] > MAX_NODES) {
            throw new SigmaException("YAML document expands to more than " + MAX_NODES
                    + " nodes (alias bomb?); rejected", line);
        }
        if (depth > MAX_NESTING) {
            throw new SigmaException("YAML nested deeper than " + MAX_NESTING + " levels", line);
        }
        if (node instanceof MappingNode m) {
            YamlMap map = new YamlMap(line);
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode ks)) {
                    throw new SigmaException("mapping key is not a plain value", k.getStartMark().getLine() + 1);
                }
                if (ks.getTag().equals(Tag.MERGE)) {
                    throw new SigmaException("YAML merge keys (<<) are not allowed in rules", k.getStartMark().getLine() + 1);
                }
                map.put(ks.getValue(), convert(t.getValueNode(), budget, depth + 1), k.getStartMark().getLine() + 1);
            }
            return map;
        }
        if (node instanceof SequenceNode s) {
            List<Object> list = new ArrayList<>(s.getValue().size());
            for (Node c : s.getValue()) {
                list.add(convert(c, budget, depth + 1));
            }
            return list;
        }
        ScalarNode sc = (ScalarNode) node;
        String v = sc.getValue();
        Tag tag = sc.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on");
        }
        if (tag.equals(Tag.INT)) {
            String digits = v.replace("_", "");
            try {
                if (digits.startsWith("0x") || digits.startsWith("0X")) {
                    return Long.parseLong(digits.substring(2), 16);
                }
                return new BigInteger(digits).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return v;
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }
}
