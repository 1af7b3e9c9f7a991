/** The content model in plain Java: lifecycle, cadences, slots, consistency maths, suggestions, feed matching. */
package dev.rapport.content.domain;
