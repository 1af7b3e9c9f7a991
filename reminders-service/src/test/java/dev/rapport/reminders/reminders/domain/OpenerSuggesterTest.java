package dev.rapport.reminders.reminders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class OpenerSuggesterTest {

    static final Locale ES = Locale.forLanguageTag("es");

    @Test
    void theMembersOwnContentOnAnInterestOfTheContactComesFirstMatchedWithoutCaseOrAccents() {
        var opener = OpenerSuggester.suggest(new OpenerContext(
                List.of("Innovación", "golf"),
                "Coffee in Madrid",
                null,
                null,
                "Five lessons from scaling",
                "https://blog.example/scaling",
                List.of("innovacion"),
                1));
        assertThat(opener.style()).isEqualTo(Opener.SHARE);
        assertThat(opener.topic()).isEqualTo("Innovación");
        assertThat(OpenerTexts.render(Locale.ENGLISH, opener, "Ana Pérez"))
                .startsWith("Hi Ana, I just published “Five lessons from scaling”, on Innovación")
                .endsWith("https://blog.example/scaling");
        assertThat(OpenerTexts.render(ES, opener, "Ana Pérez")).startsWith("Hola Ana, acabo de publicar");
    }

    @Test
    void aRecentMilestoneGetsAConcreteQuestion() {
        var opener = OpenerSuggester.suggest(
                new OpenerContext(List.of(), "Coffee", "the new role at Acme", "new-job", null, null, null, 1));
        assertThat(opener.style()).isEqualTo(Opener.QUESTION);
        assertThat(OpenerTexts.render(Locale.ENGLISH, opener, "Luis"))
                .isEqualTo("Hi Luis, congratulations on the new role at Acme! How are the first weeks going?");
    }

    @Test
    void theLastConversationGivesASharedExperience() {
        var opener = OpenerSuggester.suggest(
                new OpenerContext(List.of(), "Talked about the Lisbon conference", null, null, null, null, null, 1));
        assertThat(opener.style()).isEqualTo(Opener.SHARED_EXPERIENCE);
        assertThat(OpenerTexts.render(ES, opener, "Luis"))
                .isEqualTo("Hola Luis, me acordé de nuestra última conversación (Talked about the Lisbon conference)."
                        + " ¿Cómo acabó todo?");
    }

    @Test
    void withNothingKnownItIsAShortGreeting() {
        var opener = OpenerSuggester.suggest(new OpenerContext(null, null, null, null, null, null, null, 1));
        assertThat(opener.style()).isEqualTo(Opener.GREETING);
        assertThat(OpenerTexts.render(ES, opener, "Luis"))
                .isEqualTo("¡Hola Luis! Hace tiempo que no hablamos, ¿cómo estás?");
    }

    @Test
    void laterEpisodesOpenDifferentlyThanTheFirst() {
        var first =
                OpenerSuggester.suggest(new OpenerContext(List.of("AI"), "Coffee", null, null, null, null, null, 1));
        var second =
                OpenerSuggester.suggest(new OpenerContext(List.of("AI"), "Coffee", null, null, null, null, null, 2));
        var third =
                OpenerSuggester.suggest(new OpenerContext(List.of("AI"), "Coffee", null, null, null, null, null, 3));
        assertThat(List.of(first.style(), second.style(), third.style()))
                .containsExactly(Opener.SHARED_EXPERIENCE, Opener.QUESTION, Opener.GREETING);
    }

    @Test
    void aLongSummaryIsShortenedInTheOpener() {
        var opener =
                OpenerSuggester.suggest(new OpenerContext(List.of(), "x".repeat(200), null, null, null, null, null, 1));
        assertThat(opener.reference()).hasSize(80).endsWith("…");
    }
}
