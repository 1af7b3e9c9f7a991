/**
 * Requests to URLs that members or operators give (webhooks, blog feeds, the alumni directory): one guard that
 * refuses the platform's inside (loopback, private, link-local, metadata …), pins the checked address for the
 * connection, requires https and follows no redirect.
 */
package dev.rapport.support.outbound;
