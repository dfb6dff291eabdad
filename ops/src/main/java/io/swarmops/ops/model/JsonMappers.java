package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@link Json#MAPPER} and {@link Json#PRETTY}, declared here so that they are built on their first
 * use, not when {@link Json} is: a class's initialization does not initialize the interfaces it
 * implements (JLS 12.4.1). Building the first {@link ObjectMapper} costs about a tenth of a
 * {@code swarmops node ls}, whose answers {@link Json#read} parses without one.
 */
interface JsonMappers {
    ObjectMapper MAPPER = new ObjectMapper();
    /** For printing: indented, as {@code docker inspect} prints. */
    ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
}
