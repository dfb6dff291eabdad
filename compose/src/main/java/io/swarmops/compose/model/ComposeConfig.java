package io.swarmops.compose.model;

import io.swarmops.compose.model.TopLevelObjects.FileObjectConfig;
import io.swarmops.compose.model.TopLevelObjects.NetworkConfig;
import io.swarmops.compose.model.TopLevelObjects.VolumeConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A loaded (and, for several files, merged) compose configuration. */
public final class ComposeConfig {
    public String version = "";
    /** By service name, sorted as docker sorts them after a merge. */
    public Map<String, ServiceConfig> services = new TreeMap<>();
    public Map<String, NetworkConfig> networks = new LinkedHashMap<>();
    public Map<String, VolumeConfig> volumes = new LinkedHashMap<>();
    public Map<String, FileObjectConfig> secrets = new LinkedHashMap<>();
    public Map<String, FileObjectConfig> configs = new LinkedHashMap<>();
    public Map<String, Object> extras = new LinkedHashMap<>();
}
