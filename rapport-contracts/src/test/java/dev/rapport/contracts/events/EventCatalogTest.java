package dev.rapport.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.contracts.events.EventCatalog.Area;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void typeNamesAreVersionedAndNamespacedByTheProducingArea() {
        assertThat(EventCatalog.typeName(Area.CONTACTS, InteractionLogged.class))
                .isEqualTo("rapport.contacts.InteractionLogged.v1");
        assertThat(EventCatalog.classOf("rapport.contacts.InteractionLogged.v1"))
                .contains(InteractionLogged.class);
    }

    @Test
    void anEventSharedByServicesHasOneTypePerProducer() {
        assertThat(EventCatalog.classOf("rapport.content.MemberDataErased.v1")).contains(MemberDataErased.class);
        assertThat(EventCatalog.classOf("rapport.reminders.MemberDataErased.v1"))
                .contains(MemberDataErased.class);
    }

    @Test
    void anAreaCannotPublishAnotherAreasEvent() {
        assertThatThrownBy(() -> EventCatalog.typeName(Area.CONTENT, InteractionLogged.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownTypesAreReportedAsUnknown() {
        assertThat(EventCatalog.classOf("rapport.contacts.Nope.v1")).isEmpty();
    }

    @Test
    void everyAreaHasItsOwnTopic() {
        assertThat(Area.CONTACTS.topic()).isEqualTo("contacts.events");
        assertThat(Area.REMINDERS.source()).isEqualTo("/rapport/reminders-service");
        assertThat(EventCatalog.all()).hasSize(16 + 5 + 7);
    }
}
