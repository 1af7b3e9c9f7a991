package dev.rapport.support.web;

import java.util.List;

/**
 * One page of a list: the items, how many match in all, and the opaque cursor of the next page
 * (null on the last one).
 */
public record CursorPage<T>(List<T> items, long total, String nextCursor) {}
