package dev.rapport.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.StreamedJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
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
                slots.stream(JSON, "m1", export -> {
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
        assertThatThrownBy(() -> slots.stream(JSON, "m2", export -> export.value("memberId", "m2"))
                        .getBody()
                        .writeTo(second))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(second.size()).as("nothing was sent while it waited").isZero();

        finish.countDown();
        holder.get(10, TimeUnit.SECONDS);
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        slots.stream(JSON, "m3", export -> export.value("memberId", "m3"))
                .getBody()
                .writeTo(third);
        assertThat(JSON.readTree(third.toByteArray()).get("memberId").asString())
                .as("the slot is free again once the first export ended")
                .isEqualTo("m3");
        assertThat(JSON.readTree(first.toByteArray()).get("memberId").asString())
                .isEqualTo("m1");
    }

    @Test
    void theAnswerIsTheStreamedJsonOne() {
        var answer = new ExportSlots(2, Duration.ofSeconds(1)).stream(JSON, "m1", export -> {});
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(answer.getHeaders().getContentType()).hasToString("application/json");
    }

    @Test
    void exportsOfOneMemberThatWaitTogetherAreReadOnceAndEachGetsAllOfIt() throws Exception {
        ExportSlots slots = new ExportSlots(1, Duration.ofSeconds(10));
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<ByteArrayOutputStream> holder = holdASlot(slots, finish);
        AtomicInteger reads = new AtomicInteger();
        List<CompletableFuture<ByteArrayOutputStream>> asked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            asked.add(export(
                    slots,
                    "m",
                    export -> export.value("memberId", "m")
                            .value("read", reads.incrementAndGet())
                            .array("rows", () -> IntStream.range(0, 5_000).boxed())));
            int joined = i + 1;
            waitUntil(() -> slots.waitingFor("m") == joined);
        }

        finish.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<ByteArrayOutputStream> answer : asked) {
            JsonNode export = JSON.readTree(answer.get(10, TimeUnit.SECONDS).toByteArray());
            assertThat(export.get("memberId").asString()).isEqualTo("m");
            assertThat(export.get("read").asInt()).isEqualTo(1);
            assertThat(export.get("rows")).hasSize(5_000);
        }
        assertThat(reads).as("four exports waiting together, one read").hasValue(1);
        assertThat(slots.waitingFor("m")).isZero();
    }

    @Test
    void anExportAskedOnceTheReadHasBegunWaitsForAReadOfItsOwn() throws Exception {
        ExportSlots slots = new ExportSlots(2, Duration.ofSeconds(10));
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<ByteArrayOutputStream> first = export(slots, "m", export -> {
            export.value("read", reads.incrementAndGet());
            begun.countDown();
            await(finish);
        });
        assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        slots.stream(JSON, "m", export -> export.value("read", reads.incrementAndGet()))
                .getBody()
                .writeTo(second);
        finish.countDown();

        assertThat(JSON.readTree(second.toByteArray()).get("read").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(first.get(10, TimeUnit.SECONDS).toByteArray())
                        .get("read")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aClientThatGoesAwayEndsItsOwnAnswerOnly() throws Exception {
        ExportSlots slots = new ExportSlots(1, Duration.ofSeconds(10));
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<ByteArrayOutputStream> holder = holdASlot(slots, finish);
        StreamedJson.Members members =
                export -> export.array("rows", () -> IntStream.range(0, 20_000).boxed());
        CompletableFuture<ByteArrayOutputStream> kept = export(slots, "m", members);
        waitUntil(() -> slots.waitingFor("m") == 1);
        OutputStream gone = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                written += length;
                if (written > 1_000) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        CompletableFuture<Void> dropped = CompletableFuture.runAsync(() -> {
            try {
                slots.stream(JSON, "m", members).getBody().writeTo(gone);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        waitUntil(() -> slots.waitingFor("m") == 2);

        finish.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(JSON.readTree(kept.get(10, TimeUnit.SECONDS).toByteArray()).get("rows"))
                .hasSize(20_000);
        assertThatThrownBy(() -> dropped.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("Broken pipe");
    }

    @Test
    void exportsThatWaitedTogetherInVainAllGetA503AndNothingIsRead() throws Exception {
        ExportSlots slots = new ExportSlots(1, Duration.ofMillis(300));
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<ByteArrayOutputStream> holder = holdASlot(slots, finish);
        AtomicInteger reads = new AtomicInteger();
        List<CompletableFuture<ByteArrayOutputStream>> asked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            asked.add(export(slots, "m", export -> export.value("read", reads.incrementAndGet())));
        }
        for (CompletableFuture<ByteArrayOutputStream> answer : asked) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e.getCause()).status())
                            .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        }
        assertThat(reads).hasValue(0);
        finish.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<ByteArrayOutputStream> export(
            ExportSlots slots, String memberId, StreamedJson.Members members) {
        return CompletableFuture.supplyAsync(
                () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try {
                        slots.stream(JSON, memberId, members).getBody().writeTo(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return out;
                },
                Executors.newVirtualThreadPerTaskExecutor());
    }

    /** An export of another member that holds a slot (once this returns) until {@code finish}. */
    private static CompletableFuture<ByteArrayOutputStream> holdASlot(ExportSlots slots, CountDownLatch finish) {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<ByteArrayOutputStream> holder = export(slots, "other", export -> {
            export.value("memberId", "other");
            holding.countDown();
            await(finish);
        });
        await(holding);
        return holder;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(condition::getAsBoolean);
    }
}
