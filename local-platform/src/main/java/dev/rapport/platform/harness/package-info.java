/**
 * What {@code ./rapport bench} and {@code ./rapport faults} share: the HTTP client of the platform (through the
 * gateway or straight to a service), closed-loop load, percentiles and number formats, the machine's description
 * and generated LinkedIn files.
 */
package dev.rapport.platform.harness;
