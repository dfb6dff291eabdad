/**
 * docker's input syntax, read once for the {@code service} flags and for compose files alike, as
 * docker/cli's {@code opts} package serves both {@code service create} and the compose converter:
 * durations ({@link io.swarmops.ops.opts.GoDuration}), sizes ({@link io.swarmops.ops.opts.MemBytes}),
 * CPUs ({@link io.swarmops.ops.opts.NanoCpus}), command lines ({@link io.swarmops.ops.opts.ShellWords}),
 * short port specs ({@link io.swarmops.ops.opts.PortSpec}), env files ({@link io.swarmops.ops.opts.EnvFile}),
 * IP addresses ({@link io.swarmops.ops.opts.GoIp}) and capability names
 * ({@link io.swarmops.ops.opts.Capabilities}). Each refusal is an {@link io.swarmops.ops.opts.InvalidSyntax}
 * carrying docker 28's message. Pure, but for the env file's read.
 */
package io.swarmops.ops.opts;
