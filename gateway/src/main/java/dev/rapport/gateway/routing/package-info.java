/** What route metadata tells the gateway's filters. */
@NullMarked
package dev.rapport.gateway.routing;

import org.jspecify.annotations.NullMarked;
