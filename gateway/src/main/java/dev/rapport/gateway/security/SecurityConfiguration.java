package dev.rapport.gateway.security;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.apikeys.ApiKeyAuthenticationManager;
import dev.rapport.gateway.problem.Problems;
import dev.rapport.gateway.requestid.RequestIds;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Who may call what at the edge: {@code /api/**} needs a valid member token or API key, the API documentation and the
 * secret calendar feeds are public, the actuator answers only on the management port, and everything else is refused.
 *
 * <p>Which scope a route needs is decided after routing, by {@link AreaAuthorizationFilter}, from the route's
 * {@code area} metadata, so that the path lists live only in the route definitions.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    static final String[] PUBLIC_DOCUMENTATION = {"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"
    };

    /** The secret calendar feeds: the unguessable token in the path is the credential (calendar apps send no other). */
    static final String CALENDAR_FEEDS = "/api/v1/calendar/*.ics";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            Problems problems,
            ReactiveJwtDecoder decoder,
            ApiKeyAuthenticationManager apiKeys,
            CorsConfigurationSource cors,
            Clock clock) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
        JwtReactiveAuthenticationManager memberTokens = new JwtReactiveAuthenticationManager(decoder);
        memberTokens.setJwtAuthenticationConverter(new MemberTokenConverter());
        ReactiveAuthenticationManager bearer =
                new BearerAuthenticationManager(new VerifiedTokenCache(memberTokens, clock), apiKeys);
        return http
                // A stateless bearer-token API: no session, no cookies, so no CSRF, login page or saved requests.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                // The services decide how their answers may be cached (ETag, calendar feeds): don't force no-store.
                .headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .cors(spec -> spec.configurationSource(cors))
                .authorizeExchange(exchanges -> exchanges
                        // Matches only on the management port (a separate server, loopback by default).
                        .matchers(EndpointRequest.toAnyEndpoint())
                        .permitAll()
                        .pathMatchers(PUBLIC_DOCUMENTATION)
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, CALENDAR_FEEDS)
                        .permitAll()
                        .pathMatchers(HttpMethod.HEAD, CALENDAR_FEEDS)
                        .permitAll()
                        .pathMatchers("/api/**")
                        .authenticated()
                        // Includes the internal /fallback handler and the actuator paths on the public port.
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(exchange -> Mono.just(bearer))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .build();
    }

    @Bean
    ReactiveJwtDecoder memberTokenDecoder(GatewayProperties properties) {
        return MemberTokenDecoders.create(properties.jwt());
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(properties.corsOrigins());
        api.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        api.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.CONTENT_TYPE,
                HttpHeaders.IF_MATCH,
                HttpHeaders.IF_NONE_MATCH,
                "Idempotency-Key",
                RequestIds.HEADER));
        api.setExposedHeaders(List.of(
                HttpHeaders.ETAG,
                HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER,
                HttpHeaders.WWW_AUTHENTICATE,
                RequestIds.HEADER));
        // Bearer tokens travel in a header, never in cookies.
        api.setAllowCredentials(false);
        api.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return source;
    }
}
