package io.swarmops.ops.nodes;

import java.util.regex.Pattern;

/**
 * What a node reports of itself (hostname, address, ID) and swarmops puts into a daemon address or
 * a command: a value the node chooses, so only plain host names and addresses pass. A hostname
 * such as {@code -oProxyCommand=...} would be read by {@code ssh {hostname}} as an option.
 */
public final class PlainHost {
    /** The characters a plain value is made of, as messages name them. */
    public static final String ALLOWED = "[A-Za-z0-9._:-]";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:][A-Za-z0-9._:-]*");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");

    private PlainHost() {
    }

    /**
     * A host name, IP address or node ID ({@value #ALLOWED}, not starting with {@code -}), or where
     * {@code bracketedIpv6}, also an IPv6 address in brackets ({@code [fd00::1]}).
     */
    public static boolean is(String value, boolean bracketedIpv6) {
        return value != null && (NAME.matcher(value).matches() || bracketedIpv6 && BRACKETED_IPV6.matcher(value).matches());
    }
}
