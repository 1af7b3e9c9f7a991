/**
 * What {@code ./rapport bench} and {@code ./rapport faults} share: the platform's life during a run (var dir, port
 * offset, start, stop, report) and the options of both, the HTTP client of the platform (through the gateway or
 * straight to a service), the topic reader's consumer, closed-loop load, percentiles and number formats, the
 * machine's description and generated LinkedIn files.
 */
package dev.rapport.platform.harness;
