package dev.hearth.bench;

import dev.hearth.audio.AudioChunk;

/** One WAV file to replay, with its reference transcript ({@code null} when there is none). */
public record Utterance(String file, String reference, AudioChunk audio) {}
