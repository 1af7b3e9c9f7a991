/** API keys without any framework: their wire form, hashing, lifecycle and the rules for creating them. */
@NullMarked
package dev.rapport.gateway.apikeys.domain;

import org.jspecify.annotations.NullMarked;
