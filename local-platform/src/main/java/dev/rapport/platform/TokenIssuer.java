package dev.rapport.platform;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs the RS256 member tokens of the embedded default, with the claims of docs/runtime-contract.md. */
public final class TokenIssuer {

    public static final String ISSUER = "rapport-local";
    public static final String AUDIENCE = "rapport";
    public static final String TENANT = "alumni";
    public static final String SCOPE = "contacts:write reminders:write content:write";
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(12);

    private final JwtKeys keys;
    private final Clock clock;

    public TokenIssuer(JwtKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** An issuer with the key pair under {@code varDir/keys}, generated if absent. */
    public static TokenIssuer forVarDir(Path varDir) {
        return new TokenIssuer(JwtKeys.loadOrCreate(varDir.resolve("keys")), Clock.systemUTC());
    }

    /** A token for {@code member} valid for {@link #DEFAULT_VALIDITY}. */
    public String issue(String member) {
        return issue(member, DEFAULT_VALIDITY);
    }

    /** A token for {@code member} valid for {@code validity}. */
    public String issue(String member, Duration validity) {
        if (member == null || member.isBlank()) {
            throw new IllegalArgumentException("A token needs a member id");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("A token must be valid for some time, not " + validity);
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(member)
                .claim("tenant", TENANT)
                .claim("scope", SCOPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException(
                    "Cannot sign a token with " + keys.publicKeyFile().getParent(), e);
        }
        return jwt.serialize();
    }
}
