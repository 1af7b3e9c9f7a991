package dev.rapport.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.support.web.ApiException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

class ExportSlotsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anExportWaitsForAFreeSlotWithoutSendingAnythingThenGetsA503() throws Exception {
        ExportSlots slots = new ExportSlots(1, Duration.ofMillis(200));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                slots.stream(JSON, export -> {
                            export.value("memberId", "m1");
                            writing.countDown();
                            try {
                                assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        })
                        .getBody()
                        .writeTo(first);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertThatThrownBy(() -> slots.stream(JSON, export -> export.value("memberId", "m2"))
                        .getBody()
                        .writeTo(second))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(second.size()).as("nothing was sent while it waited").isZero();

        finish.countDown();
        holder.get(10, TimeUnit.SECONDS);
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        slots.stream(JSON, export -> export.value("memberId", "m3")).getBody().writeTo(third);
        assertThat(JSON.readTree(third.toByteArray()).get("memberId").asString())
                .as("the slot is free again once the first export ended")
                .isEqualTo("m3");
        assertThat(JSON.readTree(first.toByteArray()).get("memberId").asString())
                .isEqualTo("m1");
    }

    @Test
    void theAnswerIsTheStreamedJsonOne() {
        var answer = new ExportSlots(2, Duration.ofSeconds(1)).stream(JSON, export -> {});
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(answer.getHeaders().getContentType()).hasToString("application/json");
    }
}
