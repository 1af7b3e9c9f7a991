package dev.rapport.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobChangesTest {

    @Test
    void anotherEmployerIsANewJob() {
        assertThat(JobChanges.between("Globant", "Engineer", "Mercado Libre", "Engineer"))
                .contains("new-job");
    }

    @Test
    void anotherTitleAtTheSameEmployerIsAPromotion() {
        assertThat(JobChanges.between("SAP", "Product Manager", "SAP SE", "Director of Product"))
                .contains("promotion");
    }

    @Test
    void spellingDifferencesAndDisappearingFieldsAreNoNews() {
        assertThat(JobChanges.between("Mercado Libre, S.R.L.", "Tech Lead", "mercado libre", "tech lead"))
                .isEmpty();
        assertThat(JobChanges.between("SAP", "PM", null, null)).isEmpty();
    }

    @Test
    void theMilestoneTitleNamesTheNewPosition() {
        assertThat(JobChanges.title("Rappi", "Head of Growth")).isEqualTo("Head of Growth · Rappi");
    }
}
