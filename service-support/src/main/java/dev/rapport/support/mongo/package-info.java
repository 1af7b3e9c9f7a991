/**
 * The MongoDB indexes of a service (declared in one place, created at start-up, checked by the tests) and
 * the optimistic-retry loop of a read-change-write on a versioned document.
 */
package dev.rapport.support.mongo;
