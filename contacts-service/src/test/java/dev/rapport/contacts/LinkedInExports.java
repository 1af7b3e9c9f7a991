package dev.rapport.contacts;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Generates LinkedIn Connections.csv files of any size, shaped like the real export (BOM, preamble, CRLF, quotes). */
final class LinkedInExports {

    private static final String[] FIRST = {"María", "José", "Ana", "Zoë", "Wei", "Lucía", "Sérgio", "Priya", "Mateo"};
    private static final String[] LAST = {"Núñez", "Gómez", "Müller", "Chen", "Rodríguez Paz", "Natarajan", "García"};
    private static final String[] COMPANY = {"Globant", "Mercado Libre, S.R.L.", "SAP", "Tencent", "\"Ualá\"", ""};
    private static final DateTimeFormatter CONNECTED = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);

    private LinkedInExports() {}

    /** A Connections.csv of {@code rows} distinct people (every 10th with an e-mail). */
    static byte[] generate(int rows) {
        StringBuilder csv = new StringBuilder(rows * 140);
        csv.append('\uFEFF')
                .append("Notes:\r\n\"When exporting your connection data, you may notice that some of the email"
                        + " addresses are missing.\"\r\n\r\n")
                .append("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
        LocalDate day = LocalDate.of(2015, 1, 1);
        for (int i = 0; i < rows; i++) {
            String company = COMPANY[i % COMPANY.length];
            csv.append(FIRST[i % FIRST.length])
                    .append(',')
                    .append(LAST[i % LAST.length])
                    .append(' ')
                    .append(i)
                    .append(",https://www.linkedin.com/in/person-")
                    .append(i)
                    .append(',')
                    .append(i % 10 == 0 ? "person" + i + "@example.org" : "")
                    .append(',')
                    .append(company.contains(",") ? "\"" + company + "\"" : company.replace("\"", ""))
                    .append(",\"Engineer, level ")
                    .append(i % 5)
                    .append("\",")
                    .append(day.plusDays(i % 3000).format(CONNECTED))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A Connections.csv of {@code rows} distinct people (each their own profile URL) who share a few names at a few
     * companies: "María García at Accenture" is many people in a large Spanish-speaking network.
     */
    static byte[] namesakes(int rows) {
        String[] first = {"María", "José", "Ana", "Lucía"};
        String[] last = {"García", "Fernández", "López"};
        String[] company = {"Accenture", "Globant", "\"Mercado Libre, S.R.L.\""};
        StringBuilder csv = new StringBuilder(rows * 110);
        csv.append('\uFEFF').append("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(first[i % first.length])
                    .append(',')
                    .append(last[(i / first.length) % last.length])
                    .append(",https://www.linkedin.com/in/namesake-")
                    .append(i)
                    .append(',')
                    .append(i % 10 == 0 ? "namesake" + i + "@example.org" : "")
                    .append(',')
                    .append(company[(i / (first.length * last.length)) % company.length])
                    .append(",Consultant,12 Mar 2024\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
