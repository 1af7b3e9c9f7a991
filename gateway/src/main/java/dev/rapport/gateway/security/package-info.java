/** Member authentication (JWT) and scope authorization at the edge. */
@NullMarked
package dev.rapport.gateway.security;

import org.jspecify.annotations.NullMarked;
