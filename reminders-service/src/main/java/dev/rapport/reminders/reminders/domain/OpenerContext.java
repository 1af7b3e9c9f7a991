package dev.rapport.reminders.reminders.domain;

import java.util.List;

/**
 * What is known when suggesting an opener: the contact's interests, the last conversation, a recent
 * milestone of theirs and the member's own latest content.
 *
 * @param episode the staleness episode (1, 2 …): successive reach-outs to the same person open differently
 */
public record OpenerContext(
        List<String> interests,
        String lastInteractionSummary,
        String milestoneTitle,
        String milestoneCategory,
        String contentTitle,
        String contentUrl,
        List<String> contentTopics,
        int episode) {

    public OpenerContext {
        interests = interests == null ? List.of() : List.copyOf(interests);
        contentTopics = contentTopics == null ? List.of() : List.copyOf(contentTopics);
    }
}
