package dev.hearth.sched;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What one front end (the MaryTTS API, {@code /v1}, Wyoming, vosk-server) may use: its lanes of the speech and the
 * recognition threads, its place in line for speech requests, and the threads that carry a request's audio to its
 * client (never a speech thread).
 *
 * @param speech this front end's lane of the speech threads
 * @param recognition this front end's lane of the recognition threads
 * @param requests how many of its speech requests are served at once, and how long the others wait
 * @param timer runs write deadlines and queue timeouts (briefly)
 * @param writeTimeoutMillis how long a client may take no audio before its speech is abandoned
 * @param requestThreads where a request's answer is written to its client, never on a speech or recognition thread
 *     (and where Wyoming answers a connection's events, one after another)
 */
public record FrontEnd(Executor speech, Executor recognition, Admission requests, ScheduledExecutorService timer,
    long writeTimeoutMillis, Executor requestThreads) {}
