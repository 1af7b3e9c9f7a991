/** The services' OpenAPI documents as the gateway publishes them. */
@NullMarked
package dev.rapport.gateway.docs;

import org.jspecify.annotations.NullMarked;
