package dev.rapport.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchKeysTest {

    @Test
    void profileUrlsAgreeWhateverSchemeHostCaseQueryOrTrailingSlash() {
        assertThat(MatchKeys.url("https://www.linkedin.com/in/Ana-Gomez/?trk=abc"))
                .isEqualTo(MatchKeys.url("http://es.linkedin.com/in/ana-gomez"))
                .isEqualTo(MatchKeys.url("linkedin.com/in/ana-gomez#about"))
                .isEqualTo("linkedin.com/in/ana-gomez");
        assertThat(MatchKeys.url("https://www.linkedin.com/in/jos%C3%A9")).isEqualTo("linkedin.com/in/josé");
        assertThat(MatchKeys.url("  ")).isNull();
    }

    @Test
    void nameAndCompanyIgnoreAccentsCaseAndLegalForms() {
        assertThat(MatchKeys.nameAndCompany("José", "Núñez", "Mercado Libre, S.R.L."))
                .isEqualTo(MatchKeys.nameAndCompany("jose", "nunez", "MERCADO LIBRE"))
                .isEqualTo("jose nunez|mercado libre");
        assertThat(MatchKeys.nameAndCompany("José", "Núñez", null))
                .as("a name alone is too weak")
                .isNull();
    }

    @Test
    void storedKeysCarryTheirKind() {
        assertThat(MatchKeys.of(List.of("Ana@Example.com"), List.of("https://linkedin.com/in/ana/")))
                .containsExactly("url:linkedin.com/in/ana", "email:ana@example.com");
    }
}
