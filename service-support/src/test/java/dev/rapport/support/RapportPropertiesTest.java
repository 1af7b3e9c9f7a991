package dev.rapport.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.events.EventCatalog.Area;
import org.junit.jupiter.api.Test;

class RapportPropertiesTest {

    @Test
    void toStringNeverShowsTheIdentitySecret() {
        String secret = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-42";
        RapportProperties properties = new RapportProperties(Area.values()[0], secret, null, null, null);

        assertThat(properties.toString())
                .doesNotContain(secret)
                .contains("identitySecret=<redacted>")
                .contains("outbox=")
                .contains("privacy=");
    }
}
