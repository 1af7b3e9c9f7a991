/** RFC 9457 problem responses for the gateway's own errors. */
@NullMarked
package dev.rapport.gateway.problem;

import org.jspecify.annotations.NullMarked;
