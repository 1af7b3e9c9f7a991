/** API keys of API consumers: stored hashed in the gateway's database, managed by members, checked at the edge. */
@NullMarked
package dev.rapport.gateway.apikeys;

import org.jspecify.annotations.NullMarked;
