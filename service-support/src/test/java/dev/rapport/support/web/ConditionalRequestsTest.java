package dev.rapport.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ConditionalRequestsTest {

    @Test
    void anEtagIsTheQuotedVersionAndAnUnstoredResourceIsAtZero() {
        assertThat(ConditionalRequests.etag(3L)).isEqualTo("\"3\"");
        assertThat(ConditionalRequests.etag(null)).isEqualTo("\"0\"");
    }

    @Test
    void ifMatchMustNameTheCurrentEtag() {
        assertThatCode(() -> ConditionalRequests.requireMatch("\"3\"", "\"3\"", true))
                .doesNotThrowAnyException();
        assertThatCode(() -> ConditionalRequests.requireMatch("\"1\", W/\"3\"", "\"3\"", true))
                .as("a list, and a weak tag")
                .doesNotThrowAnyException();
        assertThatCode(() -> ConditionalRequests.requireMatch("*", "\"3\"", true))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConditionalRequests.requireMatch("\"2\"", "\"3\"", false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
                    assertThat(e.properties()).containsEntry("currentEtag", "\"3\"");
                });
        assertThatThrownBy(() -> ConditionalRequests.requireMatch("\"2\"", null, false))
                .as("no resource yet")
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.properties()).containsEntry("currentEtag", ""));
    }

    @Test
    void aMissingIfMatchIs428OnlyWhereItIsRequired() {
        assertThatCode(() -> ConditionalRequests.requireMatch(null, "\"3\"", false))
                .doesNotThrowAnyException();
        assertThatCode(() -> ConditionalRequests.requireMatch(" ", "\"3\"", false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ConditionalRequests.requireMatch(null, "\"3\"", true))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
                    assertThat(e.properties()).containsEntry("currentEtag", "\"3\"");
                });
    }

    @Test
    void theExpectedVersionIsReadFromStrongOrWeakEtags() {
        assertThat(ConditionalRequests.expectedVersion(null)).isNull();
        assertThat(ConditionalRequests.expectedVersion("*")).isNull();
        assertThat(ConditionalRequests.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(ConditionalRequests.expectedVersion(" W/\"7\" ")).isEqualTo(7L);
        assertThatThrownBy(() -> ConditionalRequests.expectedVersion("\"abc\"", "must be an ETag of these settings"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("If-Match: must be an ETag of these settings");
                });
    }

    @Test
    void aStaleExpectedVersionIs412WithTheCurrentEtag() {
        assertThatCode(() -> ConditionalRequests.requireVersion(null, 4)).doesNotThrowAnyException();
        assertThatCode(() -> ConditionalRequests.requireVersion(4L, 4)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ConditionalRequests.requireVersion(3L, 4))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
                    assertThat(e.properties()).containsEntry("currentEtag", "\"4\"");
                });
    }
}
