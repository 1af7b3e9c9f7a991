package dev.rapport.platform;

import java.util.List;

/**
 * The demo member's network, as data: contacts in every tier and backdated interactions (some past their tier's
 * cadence, some with promises). {@link DemoData} loads it through the gateway.
 */
final class DemoNetwork {

    private DemoNetwork() {}

    record Contact(
            String key,
            String firstName,
            String lastName,
            String email,
            String company,
            String title,
            String tier,
            List<String> tags,
            List<String> interests) {}

    record Promise(String owedBy, String what, int dueInDays) {}

    record Interaction(
            String key,
            String contactKey,
            String type,
            String direction,
            int daysAgo,
            String summary,
            List<Promise> promises) {}

    static final List<Contact> CONTACTS = List.of(
            new Contact(
                    "jose-nunez",
                    "José",
                    "Núñez",
                    "jose.nunez@example.com",
                    "Banco Meridional",
                    "Head of Data",
                    "inner",
                    List.of("mentor", "madrid", "class-of-2012"),
                    List.of("machine learning", "cycling")),
            new Contact(
                    "maria-pena",
                    "María",
                    "Peña Álvarez",
                    "maria.pena@example.com",
                    "Iberia Ventures",
                    "Partner",
                    "strategic",
                    List.of("investor", "madrid"),
                    List.of("fintech", "climate tech")),
            new Contact(
                    "ana-ibanez",
                    "Ana Sofía",
                    "Ibáñez",
                    "ana.ibanez@example.org",
                    "Cabify",
                    "Engineering Manager",
                    "inner",
                    List.of("former-colleague", "hiring"),
                    List.of("platform engineering", "running")),
            new Contact(
                    "sergio-munoz",
                    "Sergio",
                    "Muñoz",
                    "sergio.munoz@example.com",
                    "Telefónica Tech",
                    "Solutions Architect",
                    "regular",
                    List.of("class-of-2012"),
                    List.of("cloud", "football")),
            new Contact(
                    "lucia-fernandez",
                    "Lucía",
                    "Fernández",
                    "lucia.fernandez@example.org",
                    "Universidad de Salamanca",
                    "Career Advisor",
                    "acquaintance",
                    List.of("alumni-office"),
                    List.of("mentoring")),
            new Contact(
                    "priya-raman",
                    "Priya",
                    "Raman",
                    "priya.raman@example.com",
                    "Northwind Analytics",
                    "VP Product",
                    "strategic",
                    List.of("speaker", "london"),
                    List.of("product management", "data strategy")),
            new Contact(
                    "tom-becker",
                    "Tom",
                    "Becker",
                    "tom.becker@example.com",
                    "Contoso",
                    "Data Engineer",
                    "regular",
                    List.of("former-colleague", "berlin"),
                    List.of("streaming", "climbing")),
            new Contact(
                    "chloe-martin",
                    "Chloé",
                    "Martin",
                    "chloe.martin@example.org",
                    "Fabrikam",
                    "Recruiter",
                    "acquaintance",
                    List.of("hiring", "paris"),
                    List.of("talent")),
            new Contact(
                    "inigo-echeverria",
                    "Íñigo",
                    "Echeverría",
                    "inigo.echeverria@example.com",
                    "Basque Robotics",
                    "Founder",
                    "strategic",
                    List.of("founder", "bilbao"),
                    List.of("robotics", "fundraising")),
            new Contact(
                    "ngozi-okafor",
                    "Ngozi",
                    "Okafor",
                    "ngozi.okafor@example.com",
                    "Lagos Fintech Hub",
                    "COO",
                    "inner",
                    List.of("mentor"),
                    List.of("payments", "leadership")));

    /**
     * Five interactions are older than their tier's default cadence (contacts-service: inner 30 days,
     * strategic 60, regular 120, acquaintance 365), so the demo starts with overdue contacts; the others
     * are recent, and three carry promises (one already past due).
     */
    static final List<Interaction> INTERACTIONS = List.of(
            new Interaction(
                    "jose-coffee",
                    "jose-nunez",
                    "coffee",
                    "mutual",
                    70,
                    "Coffee near Retiro: his team is moving to a lakehouse; asked about feature stores.",
                    List.of(new Promise("me", "send the article on feature stores", -10))),
            new Interaction(
                    "maria-meeting",
                    "maria-pena",
                    "meeting",
                    "outbound",
                    120,
                    "Pitched the analytics side project; she wants to see traction first.",
                    List.of()),
            new Interaction(
                    "ana-call",
                    "ana-ibanez",
                    "call",
                    "inbound",
                    5,
                    "She is hiring two data engineers and offered an intro.",
                    List.of(new Promise("them", "intro to the hiring manager at Cabify", 7))),
            new Interaction(
                    "sergio-email",
                    "sergio-munoz",
                    "email",
                    "outbound",
                    200,
                    "Congratulated him on the new role.",
                    List.of()),
            new Interaction(
                    "lucia-event",
                    "lucia-fernandez",
                    "event",
                    "mutual",
                    30,
                    "Alumni homecoming: talked about mentoring this year's graduates.",
                    List.of()),
            new Interaction(
                    "priya-meeting",
                    "priya-raman",
                    "meeting",
                    "mutual",
                    20,
                    "Panel prep for the data strategy meetup.",
                    List.of(new Promise("me", "share the slides from the panel", 3))),
            new Interaction(
                    "tom-message",
                    "tom-becker",
                    "message",
                    "inbound",
                    40,
                    "Asked how we run Kafka in production.",
                    List.of()),
            new Interaction(
                    "chloe-event", "chloe-martin", "event", "mutual", 400, "Met at the Paris career fair.", List.of()),
            new Interaction(
                    "inigo-coffee",
                    "inigo-echeverria",
                    "coffee",
                    "outbound",
                    95,
                    "Heard about his seed round; robotics for small factories.",
                    List.of()));
}
