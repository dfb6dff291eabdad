package io.swarmops.compose.yaml;

import io.swarmops.compose.ComposeException;
import io.swarmops.compose.yaml.YamlNode.Entry;
import io.swarmops.compose.yaml.YamlNode.YamlList;
import io.swarmops.compose.yaml.YamlNode.YamlMap;
import io.swarmops.compose.yaml.YamlNode.YamlScalar;
import io.swarmops.ops.CappedFile;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a compose file into {@link YamlNode}s resolving scalars as docker's parser does (go-yaml v3
 * into {@code interface{}}), not as YAML 1.1: {@code yes}/{@code on} stay strings, {@code 22:22}
 * stays a string, {@code 0440} is octal 288, {@code 1_000} is 1000, {@code 2001-12-14} is a time. SnakeYAML
 * only builds the node graph (with anchors and line numbers); merge keys ({@code <<}) and duplicate
 * keys are handled here as go-yaml v3 handles them.
 */
public final class YamlReader {
    /** Marks plain scalars so that resolution is ours, not SnakeYAML's YAML 1.1 resolver's. */
    private static final Tag PLAIN = new Tag("tag:swarmops.io,2026:plain");
    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    /**
     * Alias bombs are refused as docker's go-yaml v3 refuses them ({@code decode.go},
     * {@code allowedAliasRatio}): past 1,000 values, at most 99% of them may come from aliases up to
     * 400,000 values, sliding down to 10% at 4,000,000. A small file may expand a hundredfold, not
     * a billionfold, and the refusal comes after a few thousand values, not after the heap is gone.
     */
    private static final int ALIAS_RATIO_RANGE_LOW = 400_000;
    private static final int ALIAS_RATIO_RANGE_HIGH = 4_000_000;
    /** Text reached through aliases (keys and scalars): a hundredfold on a few long values is still too much. */
    private static final long MAX_ALIASED_CHARS = 16L * 1024 * 1024;
    private static final String EXCESSIVE_ALIASING = "yaml: document contains excessive aliasing";

    private final String file;
    /** Nodes of SnakeYAML's graph converted once: a second visit is an alias's expansion. */
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private long decodes;
    private long aliased;
    private long aliasedChars;
    private int aliasDepth;

    private YamlReader(String file) {
        this.file = file;
    }

    /**
     * Parses the first document of {@code text}; {@code file} names it in errors. The top level
     * must be a mapping.
     */
    public static YamlMap read(String file, String text) {
        return new YamlReader(file).readDocument(text);
    }

    private YamlMap readDocument(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(CappedFile.COMPOSE_FILE.bytes()); // the size ComposeLoader reads a file up to
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new PlainResolver());
        Node root;
        try {
            Iterator<Node> docs = yaml.composeAll(new StringReader(text)).iterator();
            root = docs.hasNext() ? docs.next() : null;
        } catch (MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ComposeException(mark(m), null, "yaml syntax error: " + oneLine(problem));
        } catch (YAMLException | IllegalArgumentException e) {
            throw new ComposeException(new Mark(file, 0), null, "yaml syntax error: " + oneLine(String.valueOf(e.getMessage())));
        } catch (StackOverflowError e) {
            throw new ComposeException(new Mark(file, 0), null, "yaml nesting is too deep");
        }
        if (root == null) {
            throw new ComposeException(new Mark(file, 0), null, "top-level object must be a mapping");
        }
        YamlNode top;
        try {
            top = convert(root, "", new IdentityHashMap<>());
        } catch (StackOverflowError e) {
            throw new ComposeException(new Mark(file, 0), null, "yaml nesting is too deep");
        }
        if (!(top instanceof YamlMap map)) {
            throw new ComposeException(top.mark(), null, "top-level object must be a mapping");
        }
        return map;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    private Mark mark(org.yaml.snakeyaml.error.Mark m) {
        return new Mark(file, m == null ? 0 : m.getLine() + 1);
    }

    private YamlNode convert(Node node, String path, IdentityHashMap<Node, Boolean> open) {
        if (open.containsKey(node)) {
            throw new ComposeException(mark(node.getStartMark()), path, "anchor value contains itself");
        }
        boolean viaAlias = !seen.add(node);
        if (viaAlias) {
            count(node, path); // the alias itself, as go-yaml counts it
            aliasDepth++;
        }
        try {
            count(node, path);
            return convertNode(node, path, open);
        } finally {
            if (viaAlias) {
                aliasDepth--;
            }
        }
    }

    /** One decoded value (go-yaml's {@code decodeCount}), and the refusal when aliases made too many of them. */
    private void count(Node node, String path) {
        decodes++;
        if (aliasDepth > 0) {
            aliased++;
            if (node instanceof ScalarNode s) {
                aliasedChars += s.getValue().length();
            }
        }
        if (aliased > 100 && decodes > 1000 && (double) aliased / decodes > allowedAliasRatio(decodes)
                || aliasedChars > MAX_ALIASED_CHARS) {
            throw new ComposeException(mark(node.getStartMark()), path, EXCESSIVE_ALIASING);
        }
    }

    private static double allowedAliasRatio(long decodes) {
        if (decodes <= ALIAS_RATIO_RANGE_LOW) {
            return 0.99;
        }
        if (decodes >= ALIAS_RATIO_RANGE_HIGH) {
            return 0.10;
        }
        return 0.99 - 0.89 * ((double) (decodes - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
    }

    private YamlNode convertNode(Node node, String path, IdentityHashMap<Node, Boolean> open) {
        Mark mark = mark(node.getStartMark());
        if (node instanceof ScalarNode scalar) {
            return new YamlScalar(resolve(scalar), mark);
        }
        open.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode seq) {
                List<YamlNode> items = new ArrayList<>();
                int i = 0;
                for (Node item : seq.getValue()) {
                    items.add(convert(item, path + "[" + i++ + "]", open));
                }
                return new YamlList(items, mark);
            }
            return convertMapping((MappingNode) node, path, open);
        } finally {
            open.remove(node);
        }
    }

    private YamlMap convertMapping(MappingNode node, String path, IdentityHashMap<Node, Boolean> open) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            if (isMergeKey(k)) {
                merges.add(t.getValueNode());
                continue;
            }
            Mark keyMark = mark(k.getStartMark());
            count(k, path);
            String key = keyString(k, path, keyMark);
            if (lines.containsKey(key)) {
                throw new ComposeException(keyMark, join(path, key),
                        "mapping key \"" + key + "\" already defined at line " + lines.get(key));
            }
            lines.put(key, keyMark.line());
            entries.put(key, new Entry(keyMark, convert(t.getValueNode(), join(path, key), open)));
        }
        // go-yaml v3: keys written in the mapping win over merged ones; among merged maps, the first wins.
        for (Node merge : merges) {
            List<Node> sources = new ArrayList<>();
            if (merge instanceof MappingNode) {
                sources.add(merge);
            } else if (merge instanceof SequenceNode seq) {
                sources.addAll(seq.getValue());
            } else {
                throw new ComposeException(mark(merge.getStartMark()), path, "map merge requires map or sequence of maps as the value");
            }
            for (Node source : sources) {
                if (!(source instanceof MappingNode)) {
                    throw new ComposeException(mark(source.getStartMark()), path, "map merge requires map or sequence of maps as the value");
                }
                YamlNode merged = convert(source, path, open);
                for (Map.Entry<String, Entry> e : ((YamlMap) merged).entries().entrySet()) {
                    entries.putIfAbsent(e.getKey(), e.getValue());
                }
            }
        }
        return new YamlMap(entries, mark(node.getStartMark()));
    }

    private static boolean isMergeKey(Node k) {
        return k instanceof ScalarNode s && PLAIN.equals(s.getTag()) && "<<".equals(s.getValue());
    }

    private String keyString(Node k, String path, Mark keyMark) {
        if (k instanceof ScalarNode s) {
            Object v = resolve(s);
            if (v instanceof String str) {
                return str;
            }
            throw new ComposeException(keyMark, path.isEmpty() ? null : path,
                    "non-string key " + (path.isEmpty() ? "at top level" : "in " + path) + ": " + s.getValue());
        }
        throw new ComposeException(keyMark, path.isEmpty() ? null : path, "non-string key " + (path.isEmpty() ? "at top level" : "in " + path));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Object resolve(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (PLAIN.equals(tag)) {
            return resolvePlain(v);
        }
        if (Tag.STR.equals(tag)) {
            return v;
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        // an explicit !!int, !!bool, !!float: resolve the text as a plain scalar would
        Object r = resolvePlain(v);
        if (Tag.BOOL.equals(tag) && !(r instanceof Boolean)
                || Tag.INT.equals(tag) && !(r instanceof Long || r instanceof BigInteger)
                || Tag.FLOAT.equals(tag) && !(r instanceof Number)) {
            throw new ComposeException(mark(s.getStartMark()), null, "cannot decode " + v + " as " + tag.getValue());
        }
        return r;
    }

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE");

    /** go-yaml v3's resolution of an untagged plain scalar, as decoded into {@code interface{}}. */
    public static Object resolvePlain(String in) {
        if (NULLS.contains(in)) {
            return null;
        }
        if (TRUES.contains(in)) {
            return Boolean.TRUE;
        }
        if (FALSES.contains(in)) {
            return Boolean.FALSE;
        }
        switch (in) {
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char c = in.charAt(0);
        if (c == '.') {
            return YAML_FLOAT.matcher(in).matches() ? (Object) Double.parseDouble(in) : in;
        }
        if (!(c >= '0' && c <= '9' || c == '+' || c == '-')) {
            return in;
        }
        if (c != '+' && c != '-') {
            YamlTimestamp ts = YamlTimestamp.parse(in);
            if (ts != null) {
                return ts;
            }
        }
        String plain = in.replace("_", "");
        BigInteger i = GoNumbers.parseIntBase0(plain);
        if (i != null) {
            if (i.bitLength() < 64) {
                return i.longValue();
            }
            if (i.signum() > 0 && i.bitLength() == 64) {
                return i;
            }
        }
        if (YAML_FLOAT.matcher(plain).matches()) {
            return Double.parseDouble(plain);
        }
        return in;
    }

    /** Leaves plain scalars unresolved (tagged {@link #PLAIN}); quoted ones are strings. */
    private static final class PlainResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar) {
                return implicit ? PLAIN : Tag.STR;
            }
            return super.resolve(kind, value, implicit);
        }
    }
}
