/** Trace context for the events' asynchronous legs (outbox, relay, Kafka, consumer) with Micrometer Tracing. */
package dev.rapport.support.tracing;
