/** The gateway's own HTTP servers, the public one and the management one: what Spring Boot does not configure. */
@NullMarked
package dev.rapport.gateway.server;

import org.jspecify.annotations.NullMarked;
