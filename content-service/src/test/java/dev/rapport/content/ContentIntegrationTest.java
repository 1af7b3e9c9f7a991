package dev.rapport.content;

import dev.rapport.testkit.RapportIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * An integration test of content-service. Every test class shares one application context: feeds may live on
 * WireMock's loopback address with a short read timeout, and the background sweeps stay out of the way so that
 * tests drive them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@RapportIntegrationTest
@TestPropertySource(
        properties = {
            "rapport.outbound.allow-private=true",
            // 3 s (the slow feed of FeedSyncIT takes 6): the first download of a run also loads the HTTP client,
            // which on a loaded 2-core machine took more than 2 s.
            "rapport.content.feeds.read-timeout=PT3S",
            "rapport.content.feeds.sweep-interval=PT1H",
            "rapport.content.cadence-check-interval=PT1H"
        })
public @interface ContentIntegrationTest {}
