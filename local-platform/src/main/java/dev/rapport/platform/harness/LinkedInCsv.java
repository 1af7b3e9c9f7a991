package dev.rapport.platform.harness;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * LinkedIn {@code Connections.csv} files of any size in LinkedIn's layout (UTF-8 BOM, the {@code Notes:}
 * preamble, CRLF, quoted fields, an e-mail on one row in ten, as /work/shared/fixtures shows), every row a
 * distinct person.
 */
public final class LinkedInCsv {

    private static final String[] FIRST = {"María", "José", "Ana", "Zoë", "Wei", "Lucía", "Sérgio", "Priya", "Mateo"};
    private static final String[] LAST = {"Núñez", "Gómez", "Müller", "Chen", "Rodríguez Paz", "Natarajan", "García"};
    private static final String[] COMPANY = {"Globant", "Mercado Libre, S.R.L.", "SAP", "Tencent", "\"Ualá\"", ""};
    private static final DateTimeFormatter CONNECTED = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);

    private LinkedInCsv() {}

    /** {@code rows} people; {@code tag} keeps their profile URLs apart from another file's. */
    public static byte[] generate(int rows, String tag) {
        StringBuilder csv = new StringBuilder(rows * 140 + 300);
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
                    .append(",https://www.linkedin.com/in/")
                    .append(tag)
                    .append("-person-")
                    .append(i)
                    .append(',')
                    .append(i % 10 == 0 ? tag + ".person" + i + "@example.org" : "")
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
}
