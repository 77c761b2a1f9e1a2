package dev.hearth.gpio;

/**
 * An edge on an input line, in logical terms: with an active-low line, {@code rising} means the line became active
 * (a button to ground was pressed). {@code timestampNanos} is the kernel's monotonic time of the edge.
 */
public record LineEvent(boolean rising, long timestampNanos) {}
