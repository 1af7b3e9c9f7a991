/** The Rapport gateway: routing, authentication, identity propagation, limits and API docs at the edge. */
@NullMarked
package dev.rapport.gateway;

import org.jspecify.annotations.NullMarked;
