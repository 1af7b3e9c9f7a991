package dev.rapport.reminders.webhooks;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.signing.domain.WebhookSignature;
import dev.rapport.reminders.webhooks.WebhookEndpointsDocument.Subscription;
import dev.rapport.reminders.webhooks.domain.EventTypeFilter;
import dev.rapport.reminders.webhooks.domain.SigningSecret;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.web.ApiException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The webhook subscriptions API: a member's subscriptions, or only its own for an API key. Another member's (or
 * another key's) subscription answers 404.
 */
@Service
class WebhookSubscriptionService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final OutboundGuard outbound;
    private final Clock clock;
    private final RemindersProperties.Webhooks config;

    WebhookSubscriptionService(
            MongoTemplate mongo,
            Aggregates aggregates,
            OutboundGuard outbound,
            Clock clock,
            RemindersProperties properties) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.outbound = outbound;
        this.clock = clock;
        this.config = properties.webhooks();
    }

    WebhookViews.Subscription create(IdentityAssertion caller, WebhookRequests.Create request) {
        URI url = outbound.acceptInput(request.url(), "url");
        List<String> types = checkedTypes(request.types());
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        Subscription created = change(caller, true, endpoints -> {
            if (endpoints.subscriptions.size() >= config.maxPerMember()) {
                throw ApiException.conflict("a member may hold at most " + config.maxPerMember()
                        + " webhook subscriptions: delete one first");
            }
            Subscription subscription = new Subscription();
            subscription.id = "whk_" + randomId();
            subscription.url = url.toString();
            subscription.types = types;
            subscription.description = request.description();
            subscription.apiKeyId = caller.apiKeyId();
            subscription.scopes = new HashSet<>(caller.scopes());
            subscription.status = "active";
            subscription.secrets = List.of(new SigningSecret(secret, now, null));
            subscription.createdAt = now;
            subscription.updatedAt = now;
            endpoints.add(subscription);
            return subscription;
        });
        return view(created, secret, null);
    }

    List<WebhookViews.Subscription> list(IdentityAssertion caller) {
        WebhookEndpointsDocument endpoints = mongo.findById(caller.memberId(), WebhookEndpointsDocument.class);
        if (endpoints == null) {
            return List.of();
        }
        return endpoints.subscriptions.stream()
                .filter(s -> visible(caller, s))
                .sorted(Comparator.comparing((Subscription s) -> s.createdAt).thenComparing(s -> s.id))
                .map(s -> view(s, null, null))
                .toList();
    }

    WebhookViews.Subscription get(IdentityAssertion caller, String id) {
        WebhookEndpointsDocument endpoints = mongo.findById(caller.memberId(), WebhookEndpointsDocument.class);
        return view(visible(caller, endpoints, id), null, null);
    }

    WebhookViews.Subscription update(IdentityAssertion caller, String id, WebhookRequests.Change request) {
        URI url = request.url() == null ? null : outbound.acceptInput(request.url(), "url");
        List<String> types = request.types() == null ? null : checkedTypes(request.types());
        Instant now = clock.instant();
        Subscription changed = change(caller, false, endpoints -> {
            Subscription subscription = visible(caller, endpoints, id);
            if (url != null) {
                subscription.url = url.toString();
            }
            if (types != null) {
                subscription.types = types;
            }
            if (request.description() != null) {
                subscription.description = request.description();
            }
            if (request.status() != null && !request.status().equals(subscription.status)) {
                subscription.status = request.status();
                subscription.disabledReason = null;
                subscription.disabledAt = null;
            }
            subscription.updatedAt = now;
            return subscription;
        });
        return view(changed, null, null);
    }

    void delete(IdentityAssertion caller, String id) {
        change(caller, false, endpoints -> {
            Subscription subscription = visible(caller, endpoints, id);
            endpoints.remove(subscription);
            return subscription;
        });
    }

    WebhookViews.Subscription rotate(IdentityAssertion caller, String id, WebhookRequests.Rotation request) {
        Duration overlap = overlap(request == null ? null : request.overlap());
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        Subscription rotated = change(caller, false, endpoints -> {
            Subscription subscription = visible(caller, endpoints, id);
            endpoints.rotate(subscription, new SigningSecret(secret, now, null), now, overlap);
            return subscription;
        });
        Instant previousUntil = rotated.secrets.stream()
                .map(SigningSecret::expiresAt)
                .filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
        return view(rotated, secret, previousUntil);
    }

    /** The caller's subscription and member document, for the delivery endpoints. */
    Visible find(IdentityAssertion caller, String id) {
        WebhookEndpointsDocument endpoints = mongo.findById(caller.memberId(), WebhookEndpointsDocument.class);
        return new Visible(endpoints, visible(caller, endpoints, id));
    }

    record Visible(WebhookEndpointsDocument endpoints, Subscription subscription) {}

    /** Loads (or makes) the member's document, applies {@code change}, saves; again on a concurrent change. */
    private Subscription change(
            IdentityAssertion caller, boolean create, Function<WebhookEndpointsDocument, Subscription> change) {
        for (int attempt = 1; ; attempt++) {
            WebhookEndpointsDocument endpoints = mongo.findById(caller.memberId(), WebhookEndpointsDocument.class);
            boolean fresh = endpoints == null;
            if (fresh && !create) {
                throw ApiException.notFound("webhook subscription", "");
            }
            if (fresh) {
                endpoints = new WebhookEndpointsDocument(caller.memberId(), caller.tenantId());
            }
            Subscription result = change.apply(endpoints);
            try {
                if (fresh) {
                    aggregates.insert(endpoints);
                } else {
                    aggregates.save(endpoints);
                }
                return result;
            } catch (OptimisticLockingFailureException | DuplicateKeyException concurrent) {
                if (attempt == 3) {
                    throw ApiException.conflict("the subscriptions changed meanwhile: try again");
                }
            }
        }
    }

    private static boolean visible(IdentityAssertion caller, Subscription subscription) {
        return caller.apiKeyId() == null || caller.apiKeyId().equals(subscription.apiKeyId);
    }

    private static Subscription visible(IdentityAssertion caller, WebhookEndpointsDocument endpoints, String id) {
        if (endpoints == null || !caller.tenantId().equals(endpoints.getTenantId())) {
            throw ApiException.notFound("webhook subscription", id);
        }
        return endpoints
                .find(id)
                .filter(s -> visible(caller, s))
                .orElseThrow(() -> ApiException.notFound("webhook subscription", id));
    }

    private Duration overlap(String requested) {
        if (requested == null || requested.isBlank()) {
            return config.defaultOverlap();
        }
        try {
            Duration overlap = Duration.parse(requested.strip());
            if (overlap.isNegative() || overlap.compareTo(config.maxOverlap()) > 0) {
                throw ApiException.invalidField("overlap", "must be between PT0S and " + config.maxOverlap());
            }
            return overlap;
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("overlap", "must be an ISO 8601 duration such as PT24H");
        }
    }

    private static List<String> checkedTypes(List<String> types) {
        EventTypeFilter.problemWith(types).ifPresent(problem -> {
            throw ApiException.invalidField("types", problem);
        });
        return List.copyOf(new java.util.LinkedHashSet<>(types));
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    static WebhookViews.Subscription view(Subscription s, String secret, Instant previousUntil) {
        return new WebhookViews.Subscription(
                s.id,
                s.url,
                s.types,
                s.description,
                s.status,
                s.disabledReason,
                s.disabledAt,
                s.apiKeyId,
                s.createdAt,
                s.updatedAt,
                secret,
                previousUntil);
    }

    static ApiException notActive(Subscription subscription) {
        return new ApiException(
                HttpStatus.CONFLICT,
                "Conflict",
                "the subscription is " + subscription.status + ": resume it first (PATCH status active)",
                Map.of());
    }
}
