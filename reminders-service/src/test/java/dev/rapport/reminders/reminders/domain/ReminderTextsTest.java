package dev.rapport.reminders.reminders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReminderTextsTest {

    static final Locale ES = Locale.forLanguageTag("es");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void aPromiseIOweAsksToKeepItAndOneTheyOweIsAGentleNudge() {
        var mine = new ReminderSubject(ReminderKind.FOLLOW_UP, "Ana Pérez", "send the article", "me", null, null, null);
        var theirs = new ReminderSubject(ReminderKind.FOLLOW_UP, "Ana Pérez", "the intro", "them", null, null, null);
        assertThat(ReminderTexts.title(Locale.ENGLISH, mine))
                .isEqualTo("Keep your promise to Ana Pérez: send the article");
        assertThat(ReminderTexts.title(ES, mine)).isEqualTo("Cumple lo prometido a Ana Pérez: send the article");
        assertThat(ReminderTexts.title(Locale.ENGLISH, theirs)).startsWith("Gently remind Ana Pérez");
        assertThat(ReminderTexts.title(ES, theirs)).startsWith("Recuérdale con tacto a Ana Pérez");
    }

    @Test
    void everyKindHasATitleInSpanishAndEnglish() {
        for (ReminderKind kind : ReminderKind.values()) {
            var subject = new ReminderSubject(kind, "Luis", "Madrid Alumni", "me", "promotion", 4, 1);
            assertThat(ReminderTexts.title(Locale.ENGLISH, subject)).isNotBlank();
            assertThat(ReminderTexts.title(ES, subject)).isNotBlank();
        }
        var write = new ReminderSubject(ReminderKind.WRITE, null, "linkedin", null, null, 4, 1);
        assertThat(ReminderTexts.title(ES, write))
                .isEqualTo("Tu ritmo en linkedin se ha quedado atrás (1 de 4): escribe o publica algo");
    }

    @Test
    void aMeetingAheadIsPreparedInSpanishAndEnglishWithOrWithoutItsTitle() {
        var titled = new ReminderSubject(ReminderKind.PREPARE, "Ana", "Café", null, null, null, null);
        var untitled = new ReminderSubject(ReminderKind.PREPARE, "Ana", null, null, null, null, null);
        assertThat(ReminderTexts.title(Locale.ENGLISH, titled)).isEqualTo("Tomorrow: “Café” with Ana");
        assertThat(ReminderTexts.title(ES, titled)).isEqualTo("Mañana: «Café» con Ana");
        assertThat(ReminderTexts.title(Locale.ENGLISH, untitled)).isEqualTo("Tomorrow: meeting with Ana");
        assertThat(ReminderTexts.title(ES, untitled)).isEqualTo("Mañana: reunión con Ana");
        var today = new ReminderSubject(ReminderKind.PREPARE, "Ana", "Café", null, "today", null, null);
        assertThat(ReminderTexts.title(Locale.ENGLISH, today)).isEqualTo("Today: “Café” with Ana");
        assertThat(ReminderTexts.title(ES, today)).isEqualTo("Hoy: «Café» con Ana");
    }

    @Test
    void birthdaysAreWishedAndOtherMilestonesCongratulated() {
        var birthday = new ReminderSubject(ReminderKind.CONGRATULATE, "Luis", "Birthday", null, "birthday", null, null);
        var job =
                new ReminderSubject(ReminderKind.CONGRATULATE, "Luis", "new role at Acme", null, "new-job", null, null);
        assertThat(ReminderTexts.title(Locale.ENGLISH, birthday)).isEqualTo("Wish Luis a happy birthday");
        assertThat(ReminderTexts.title(ES, birthday)).isEqualTo("Felicita a Luis por su cumpleaños");
        assertThat(ReminderTexts.title(Locale.ENGLISH, job)).isEqualTo("Congratulate Luis: new role at Acme");
    }

    @Test
    void aReachOutSaysHowLongItHasBeenAndTheTiersCadence() {
        var subject = ReminderSubject.of(ReminderKind.REACH_OUT, "Luis", null);
        assertThat(ReminderTexts.why(
                        Locale.ENGLISH, subject, TODAY, TODAY, TODAY.minusDays(40), "inner", 30, List.of()))
                .isEqualTo("It has been 40 days since you spoke (inner contacts: every 30 days)");
        assertThat(ReminderTexts.why(ES, subject, TODAY, TODAY, TODAY.minusDays(40), "inner", 30, List.of()))
                .isEqualTo("Hace 40 días que no habláis (contactos inner: cada 30 días)");
    }

    @Test
    void aFollowUpSaysWhetherItIsDueOrOverdue() {
        var subject = ReminderSubject.of(ReminderKind.FOLLOW_UP, "Luis", "x");
        assertThat(ReminderTexts.why(Locale.ENGLISH, subject, TODAY.minusDays(3), TODAY, null, null, null, null))
                .isEqualTo("Overdue by 3 days (2026-03-07)");
        assertThat(ReminderTexts.why(ES, subject, TODAY, TODAY, null, null, null, null))
                .isEqualTo("Vence hoy");
    }
}
