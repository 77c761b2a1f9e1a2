package dev.hearth.turn;

/** Downstream runs from the microphone towards the speaker; errors travel upstream. */
public enum Direction { DOWNSTREAM, UPSTREAM }
