package dev.rapport.contacts.privacy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErasureProgressTest {

    static final Instant T = Instant.parse("2026-03-10T06:00:00Z");

    @Test
    void aRequestIsCompleteOnlyOnceContactsRemindersAndContentHaveAllConfirmed() {
        assertThat(new ErasureProgress(Map.of()).complete()).isFalse();
        assertThat(new ErasureProgress(Map.of("contacts", T, "reminders", T)).complete())
                .isFalse();
        assertThat(new ErasureProgress(Map.of("contacts", T, "reminders", T, "content", T)).complete())
                .isTrue();
    }

    @Test
    void eachServiceIsShownPendingOrErasedInAStableOrder() {
        var byService = new ErasureProgress(Map.of("content", T)).byService();

        assertThat(byService.keySet()).containsExactly("contacts", "reminders", "content");
        assertThat(byService.get("contacts")).isEqualTo(new ErasureProgress.ServiceStatus("pending", null));
        assertThat(byService.get("content")).isEqualTo(new ErasureProgress.ServiceStatus("erased", T));
    }

    @Test
    void onlyTheThreeDataHoldingServicesAreExpectedToConfirm() {
        assertThat(ErasureProgress.expects("reminders")).isTrue();
        assertThat(ErasureProgress.expects("gateway")).isFalse();
        assertThat(ErasureProgress.expects(null)).isFalse();
    }
}
