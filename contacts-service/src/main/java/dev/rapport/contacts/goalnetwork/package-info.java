/** Who in a member's network relates to a goal: a read across goals, contacts and groups, above all three. */
package dev.rapport.contacts.goalnetwork;
