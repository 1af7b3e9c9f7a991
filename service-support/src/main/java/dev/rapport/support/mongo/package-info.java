/** The MongoDB indexes of a service: declared in one place, created at start-up, checked by the tests. */
package dev.rapport.support.mongo;
