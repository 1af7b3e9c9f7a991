/** Request body size and per-member rate limits. */
@NullMarked
package dev.rapport.gateway.limits;

import org.jspecify.annotations.NullMarked;
