/** A member's data export, composed at the gateway from every service's part. */
@NullMarked
package dev.rapport.gateway.export;

import org.jspecify.annotations.NullMarked;
