/** Forwarding the verified member identity to the services. */
@NullMarked
package dev.rapport.gateway.identity;

import org.jspecify.annotations.NullMarked;
