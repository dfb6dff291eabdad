package io.swarmops.cli.node;

/** Sizes as docker prints them (units.BytesSize): 1.944GiB. */
final class Bytes {
    private Bytes() {
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        String s = String.format(java.util.Locale.ROOT, "%.4g", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s + units[i];
    }
}
