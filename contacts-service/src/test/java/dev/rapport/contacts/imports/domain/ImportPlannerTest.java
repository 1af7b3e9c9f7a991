package dev.rapport.contacts.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contacts.Fixtures;
import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.imports.domain.ImportPlanner.Action;
import dev.rapport.contacts.imports.domain.ImportPlanner.Known;
import dev.rapport.contacts.imports.domain.ImportPlanner.Outcome;
import dev.rapport.contacts.imports.domain.ImportPlanner.Plan;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {

    private static ContactCard card(String first, String last, String company, List<String> emails, List<String> urls) {
        return new ContactCard(first, last, emails, List.of(), company, null, null, urls, null, List.of(), null, null);
    }

    private static Plan planOf(ImportPlanner planner, ImportFormat format, String file, Map<String, ContactCard> known)
            throws IOException {
        format.reader().read(new StringReader(Fixtures.text(file)), planner::add);
        return planner.plan(known, c -> Optional.empty());
    }

    @Test
    void linkedInExportMakesTwentyOnePeopleAndTheRepeatedJoseIsNoSecondContact() throws IOException {
        Plan plan = planOf(new ImportPlanner(List.of()), ImportFormat.LINKEDIN, "linkedin-connections.csv", Map.of());

        assertThat(plan.creations())
                .as("20 distinct rows plus Laura without her date")
                .hasSize(21);
        assertThat(plan.outcomes())
                .filteredOn(o -> o.action() == Action.UNCHANGED)
                .singleElement()
                .extracting(Outcome::line)
                .isEqualTo(25L);
        assertThat(plan.outcomes())
                .filteredOn(o -> o.action() == Action.REJECTED)
                .extracting(Outcome::line)
                .containsExactly(26L);
        assertThat(plan.warnings()).extracting(ImportPlanner.Warning::line).containsExactly(27L);
    }

    @Test
    void knownPeopleAreMatchedByUrlThenEmailThenNameAndCompanyAndGetOnlyWhatTheyLack() throws IOException {
        List<Known> known = List.of(
                new Known("c-jose", "José", "Núñez", null, List.of(), List.of("linkedin.com/in/jose-nunez-8a1b2c/")),
                new Known("c-zoe", "Zoe", "Muller", null, List.of("ZOE.MUELLER@example.de"), List.of()),
                new Known("c-priya", "Priya", "Natarajan", "Thoughtworks Inc.", List.of(), List.of()));
        Map<String, ContactCard> cards = Map.of(
                "c-jose", card("José", "Núñez", null, List.of(), List.of("linkedin.com/in/jose-nunez-8a1b2c/")),
                "c-zoe", card("Zoe", "Muller", "SAP", List.of("ZOE.MUELLER@example.de"), List.of()),
                "c-priya", card("Priya", "Natarajan", "Thoughtworks Inc.", List.of(), List.of()));

        Plan plan = planOf(new ImportPlanner(known), ImportFormat.VCARD, "contacts.vcf", cards);

        assertThat(plan.creations()).isEmpty();
        assertThat(plan.changes())
                .extracting(ImportPlanner.Change::contactId)
                .containsExactlyInAnyOrder("c-jose", "c-zoe", "c-priya");
        ContactCard zoe = plan.changes().stream()
                .filter(c -> c.contactId().equals("c-zoe"))
                .findFirst()
                .orElseThrow()
                .card();
        assertThat(zoe.firstName()).as("the member's spelling is kept").isEqualTo("Zoe");
        assertThat(zoe.emails())
                .as("the same e-mail in another case is not added")
                .hasSize(1);
        assertThat(zoe.profileUrls()).containsExactly("https://www.linkedin.com/in/zoemuller");
        assertThat(zoe.birthday()).isEqualTo(LocalDate.of(1604, 3, 14));
    }

    @Test
    void aRowWhoseMergeCannotBeStoredIsRejectedAndTheContactKeepsTheRowsBefore() {
        ImportPlanner planner = new ImportPlanner(List.of());
        planner.add(new ImportRow.Parsed(
                2, card("Ana", "Gómez", "Acme", List.of("ana@example.com"), List.of()), List.of()));
        planner.add(
                new ImportRow.Parsed(3, card("Ana", "Gómez", "Acme", List.of("not-an-email"), List.of()), List.of()));

        Plan plan = planner.plan(
                Map.of(),
                c -> c.emails().contains("not-an-email")
                        ? Optional.of(RowProblem.of("invalid-value", "emails[1]"))
                        : Optional.empty());

        assertThat(plan.creations())
                .singleElement()
                .satisfies(c -> assertThat(c.card().emails()).containsExactly("ana@example.com"));
        assertThat(plan.outcomes()).extracting(Outcome::action).containsExactly(Action.CREATED, Action.REJECTED);
    }

    @Test
    void mergingFillsBlanksUnitesListsAppendsNewNotesAndNeverOverwrites() {
        ContactCard known = new ContactCard(
                "Ana",
                null,
                List.of("ana@example.com"),
                List.of("+34 600 000 000"),
                "Acme",
                "CTO",
                null,
                List.of(),
                "Met in Madrid",
                List.of("alumni"),
                LocalDate.of(1604, 6, 2),
                null);
        ContactCard incoming = new ContactCard(
                "Anita",
                "Gómez",
                List.of("ANA@example.com", "ana@home.example"),
                List.of("+34600000000"),
                "Other",
                "CEO",
                "Madrid",
                List.of("https://linkedin.com/in/ana"),
                "met in madrid",
                List.of("Alumni", "mentor"),
                LocalDate.of(1990, 6, 2),
                LocalDate.of(2020, 1, 1));

        Merging.Merged merged = Merging.merge(known, incoming);

        assertThat(merged.card().firstName()).isEqualTo("Ana");
        assertThat(merged.card().lastName()).isEqualTo("Gómez");
        assertThat(merged.card().company()).isEqualTo("Acme");
        assertThat(merged.card().title()).isEqualTo("CTO");
        assertThat(merged.card().emails()).containsExactly("ana@example.com", "ana@home.example");
        assertThat(merged.card().phones()).containsExactly("+34 600 000 000");
        assertThat(merged.card().tags()).containsExactly("alumni", "mentor");
        assertThat(merged.card().notes())
                .as("the same note in other case is no news")
                .isEqualTo("Met in Madrid");
        assertThat(merged.card().birthday())
                .as("the year completes a yearless birthday")
                .hasYear(1990);
        assertThat(merged.changedFields())
                .containsExactlyInAnyOrder(
                        "lastName", "emails", "location", "profileUrls", "tags", "birthday", "connectedOn");
        assertThat(Merging.merge(merged.card(), incoming).changed())
                .as("merging twice changes nothing")
                .isFalse();
    }

    private static ImportRow.Parsed row(
            long line, String first, String last, String company, String email, String url) {
        return new ImportRow.Parsed(
                line,
                card(
                        first,
                        last,
                        company,
                        email == null ? List.of() : List.of(email),
                        url == null ? List.of() : List.of(url)),
                List.of());
    }

    private static Plan plan(List<Known> known, ImportRow... rows) {
        ImportPlanner planner = new ImportPlanner(known);
        for (ImportRow row : rows) {
            planner.add(row);
        }
        return planner.plan(
                Map.of(
                        "c-maria",
                        card("María", "García", "Accenture", List.of(), List.of()),
                        "c-maria-url",
                        card("María", "García", "Accenture", List.of(), List.of("linkedin.com/in/maria-1")),
                        "c-maria-2",
                        card("María", "García", "Accenture", List.of(), List.of("linkedin.com/in/maria-2"))),
                c -> Optional.empty());
    }

    @Test
    void namesakesAtOneCompanyWithDifferentProfileUrlsAreDifferentPeopleAndNoPossibleDuplicates() {
        Plan plan = plan(
                List.of(),
                row(5, "María", "García", "Accenture", null, "https://www.linkedin.com/in/maria-1"),
                row(6, "Maria", "Garcia", "Accenture S.L.", null, "https://www.linkedin.com/in/maria-2"),
                row(7, "MARÍA", "GARCÍA", "accenture", null, "https://es.linkedin.com/in/maria-3/"));

        assertThat(plan.creations()).hasSize(3);
        assertThat(plan.outcomes()).extracting(Outcome::action).containsOnly(Action.CREATED);
        assertThat(plan.possibleDuplicates()).isEmpty();
    }

    @Test
    void namesakesWithDifferentEmailsAreDifferentPeople() {
        Plan plan = plan(
                List.of(new Known("c-maria", "María", "García", "Accenture", List.of("maria@a.example"), List.of())),
                row(5, "María", "García", "Accenture", "maria@b.example", null));

        assertThat(plan.creations()).hasSize(1);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.possibleDuplicates()).isEmpty();
    }

    @Test
    void aNameAndCompanyMatchMergesWhenNothingContradictsItAndNoOtherNamesakeExists() {
        Plan plan = plan(
                List.of(new Known("c-maria", "María", "García", "Accenture", List.of(), List.of())),
                row(5, "María", "García", "Accenture", null, "https://www.linkedin.com/in/maria-1"));

        assertThat(plan.creations()).isEmpty();
        assertThat(plan.outcomes()).extracting(Outcome::action).containsExactly(Action.MERGED);
        assertThat(plan.changes()).extracting(ImportPlanner.Change::contactId).containsExactly("c-maria");
    }

    @Test
    void aNamesakeThatCouldBeEitherOfTwoProfilesIsNotMergedButOfferedAsAPossibleDuplicateOfBoth() {
        Plan plan = plan(
                List.of(new Known("c-maria", "María", "García", "Accenture", List.of(), List.of())),
                row(5, "María", "García", "Accenture", null, "https://www.linkedin.com/in/maria-1"),
                row(6, "María", "García", "Accenture", null, "https://www.linkedin.com/in/maria-2"));

        assertThat(plan.creations()).hasSize(2);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.possibleDuplicates())
                .extracting(ImportPlanner.PossibleDuplicate::line, ImportPlanner.PossibleDuplicate::otherContactId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5L, "c-maria"),
                        org.assertj.core.groups.Tuple.tuple(6L, "c-maria"));
        assertThat(plan.possibleDuplicates())
                .extracting(ImportPlanner.PossibleDuplicate::reason)
                .containsOnly("same-name-and-company");
    }

    @Test
    void aRowWithOnlyANameIsOfferedAsAPossibleDuplicateOfNamesakesAndFindsItselfOnTheNextImport() {
        List<Known> first = List.of(new Known(
                "c-maria-url", "María", "García", "Accenture", List.of(), List.of("linkedin.com/in/maria-1")));
        Plan once = plan(
                first,
                row(5, "María", "García", "Accenture", null, "https://www.linkedin.com/in/maria-2"),
                row(6, "María", "García", "Accenture", null, null));

        assertThat(once.creations()).as("maria-2 and the one without a profile").hasSize(2);
        assertThat(once.possibleDuplicates())
                .as("with maria-1 and with maria-2")
                .hasSize(2);

        List<Known> after = List.of(
                first.getFirst(),
                new Known("c-maria-2", "María", "García", "Accenture", List.of(), List.of("linkedin.com/in/maria-2")),
                new Known("c-maria", "María", "García", "Accenture", List.of(), List.of()));
        Plan again = plan(
                after,
                row(5, "María", "García", "Accenture", null, "https://www.linkedin.com/in/maria-2"),
                row(6, "María", "García", "Accenture", null, null));

        assertThat(again.creations()).isEmpty();
        assertThat(again.outcomes()).extracting(Outcome::action).containsOnly(Action.UNCHANGED);
    }

    @Test
    void oneEmailOnTwoProfilesIsNotMergedButOfferedAsAPossibleDuplicate() {
        Plan plan = plan(
                List.of(new Known(
                        "c-maria-url",
                        "María",
                        "García",
                        "Accenture",
                        List.of("mg@example.org"),
                        List.of("linkedin.com/in/maria-1"))),
                row(5, "María", "García", "Accenture", "MG@example.org", "https://www.linkedin.com/in/maria-2"));

        assertThat(plan.creations()).hasSize(1);
        assertThat(plan.possibleDuplicates()).singleElement().satisfies(d -> {
            assertThat(d.otherContactId()).isEqualTo("c-maria-url");
            assertThat(d.reason()).isEqualTo("same-email");
        });
    }
}
