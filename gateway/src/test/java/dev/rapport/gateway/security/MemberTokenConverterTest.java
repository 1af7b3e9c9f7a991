package dev.rapport.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class MemberTokenConverterTest {

    private final MemberTokenConverter converter = new MemberTokenConverter();

    @Test
    void subjectTenantAndSpaceSeparatedScopesBecomeTheMembersIdentity() {
        MemberAuthentication member = (MemberAuthentication) converter
                .convert(jwt(Map.of("sub", "ana", "tenant", "alumni", "scope", "contacts:write  reminders:read")))
                .block();

        assertThat(member.identity().memberId()).isEqualTo("ana");
        assertThat(member.identity().tenantId()).isEqualTo("alumni");
        assertThat(member.identity().scopes()).containsExactlyInAnyOrder("contacts:write", "reminders:read");
        assertThat(member.memberKey()).isEqualTo("alumni/ana");
        assertThat(member.getName()).isEqualTo("ana");
        assertThat(member.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("SCOPE_contacts:write", "SCOPE_reminders:read");
    }

    @Test
    void scopesOutsideTheRapportAreasAndArrayClaimsAreHandled() {
        MemberAuthentication member = (MemberAuthentication) converter
                .convert(jwt(Map.of(
                        "sub", "ana",
                        "tenant", "alumni",
                        "scope", "openid email content:read",
                        "scp", List.of("contacts:write", "admin"))))
                .block();

        assertThat(member.identity().scopes()).containsExactlyInAnyOrder("content:read", "contacts:write");
    }

    @Test
    void tokenWithoutTenantIsInvalid() {
        assertThatThrownBy(() -> converter.convert(jwt(Map.of("sub", "ana"))).block())
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("tenant");
    }

    @Test
    void memberThatCouldNotBeForwardedIsInvalid() {
        assertThatThrownBy(() -> converter
                        .convert(jwt(Map.of("sub", "ana|admin", "tenant", "alumni")))
                        .block())
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Instant now = Instant.now();
        return Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .claims(all -> all.putAll(claims))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600))
                .build();
    }
}
