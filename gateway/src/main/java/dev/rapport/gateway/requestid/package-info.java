/** Request ids: correlation across the gateway, the services and the logs. */
@NullMarked
package dev.rapport.gateway.requestid;

import org.jspecify.annotations.NullMarked;
