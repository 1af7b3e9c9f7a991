package dev.rapport.content.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemStatusTest {

    @Test
    void theLifecycleMovesForwardAndAllowsStepsBack() {
        assertThat(ItemStatus.IDEA.refusalTo(ItemStatus.DRAFT)).isEmpty();
        assertThat(ItemStatus.DRAFT.refusalTo(ItemStatus.SCHEDULED)).isEmpty();
        assertThat(ItemStatus.DRAFT.refusalTo(ItemStatus.PUBLISHED)).isEmpty();
        assertThat(ItemStatus.SCHEDULED.refusalTo(ItemStatus.PUBLISHED)).isEmpty();
        assertThat(ItemStatus.SCHEDULED.refusalTo(ItemStatus.DRAFT)).isEmpty();
        assertThat(ItemStatus.PUBLISHED.refusalTo(ItemStatus.ARCHIVED)).isEmpty();
        assertThat(ItemStatus.DRAFT.refusalTo(ItemStatus.IDEA)).isEmpty();
    }

    @Test
    void invalidMovesAreRefusedWithAReasonTheMemberUnderstands() {
        assertThat(ItemStatus.IDEA.refusalTo(ItemStatus.PUBLISHED))
                .hasValue("cannot move from idea to published: an idea must become a draft before it is published");
        assertThat(ItemStatus.IDEA.refusalTo(ItemStatus.SCHEDULED))
                .hasValue("cannot move from idea to scheduled: an idea must become a draft before it is scheduled");
        assertThat(ItemStatus.PUBLISHED.refusalTo(ItemStatus.DRAFT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("can only be archived"));
        assertThat(ItemStatus.ARCHIVED.refusalTo(ItemStatus.DRAFT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("archived item is final"));
        assertThat(ItemStatus.SCHEDULED.refusalTo(ItemStatus.IDEA)).isPresent();
    }
}
