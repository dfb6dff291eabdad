package io.swarmops.compose.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The top-level {@code networks}, {@code volumes}, {@code secrets} and {@code configs} entries. */
public final class TopLevelObjects {
    private TopLevelObjects() {
    }

    public static final class NetworkConfig {
        public String name = "";
        public String driver = "";
        public Map<String, String> driverOpts = new LinkedHashMap<>();
        public String ipamDriver = "";
        public List<String> ipamSubnets = new ArrayList<>();
        public boolean ipam;
        public boolean external;
        public boolean internal;
        public boolean attachable;
        public Map<String, String> labels = new LinkedHashMap<>();
        public Map<String, Object> extras = new LinkedHashMap<>();
    }

    public static final class VolumeConfig {
        public String name = "";
        public String driver = "";
        public Map<String, String> driverOpts = new LinkedHashMap<>();
        public boolean external;
        public Map<String, String> labels = new LinkedHashMap<>();
        public Map<String, Object> extras = new LinkedHashMap<>();
    }

    /** A secret or a config: {@code file} is absolute once loaded. */
    public static final class FileObjectConfig {
        public String name = "";
        public String file = "";
        public boolean external;
        public Map<String, String> labels = new LinkedHashMap<>();
        public String driver = "";
        public Map<String, String> driverOpts = new LinkedHashMap<>();
        public String templateDriver = "";
        public Map<String, Object> extras = new LinkedHashMap<>();
        /** Where {@code file:} is written, to name it when the file cannot be read. */
        public io.swarmops.compose.yaml.Mark fileMark;
    }
}
