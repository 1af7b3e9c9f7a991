/** The erasure rules in plain Java: when a request purges, and which events a tombstone buries. */
package dev.rapport.support.privacy.domain;
