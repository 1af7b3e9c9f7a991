/** Circuit breakers and the answers given when a service fails. */
@NullMarked
package dev.rapport.gateway.resilience;

import org.jspecify.annotations.NullMarked;
