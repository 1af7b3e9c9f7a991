package dev.rapport.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdWebFilterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"abc", "portal-1234.v2_x", "0123456789012345678901234567890123456789012345678901234567890123"})
    void wellFormedClientIdIsKept(String id) {
        assertThat(RequestIdWebFilter.acceptOrGenerate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "has space",
                "line\nbreak",
                "quote\"",
                "{\"json\":1}",
                "01234567890123456789012345678901234567890123456789012345678901234"
            })
    void missingOrMalformedIdIsReplacedByAUuid(String id) {
        assertThat(UUID.fromString(RequestIdWebFilter.acceptOrGenerate(id))).isNotNull();
    }
}
