package io.swarmops.recovery.power;

/** A node as the power commands see it: the values of the placeholders {id}, {hostname}, {addr}. */
public record Machine(String id, String hostname, String addr) {
}
