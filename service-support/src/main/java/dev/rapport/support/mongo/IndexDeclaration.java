package dev.rapport.support.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bson.Document;

/**
 * One index a service needs on a real MongoDB: its collection, name, ordered keys, and whether it is unique or
 * expires documents (TTL). Declared in one place per service ({@link DeclaredIndexes}) and created at start-up by
 * {@link IndexCreator}; the tests check every query the service issues against these declarations.
 *
 * @param keys field names in index order; a leading {@code -} means descending
 */
public record IndexDeclaration(
        String collection, String name, List<String> keys, boolean unique, Duration expireAfter) {

    public IndexDeclaration {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(name, "name");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one key");
        }
        if (expireAfter != null && keys.size() != 1) {
            throw new IllegalArgumentException("a TTL index has exactly one (date) key");
        }
    }

    /** An ordinary index: {@code of("contacts", "member_created", "memberId", "-createdAt")}. */
    public static IndexDeclaration of(String collection, String name, String... keys) {
        return new IndexDeclaration(collection, name, List.of(keys), false, null);
    }

    /** The same index, unique. */
    public IndexDeclaration asUnique() {
        return new IndexDeclaration(collection, name, keys, true, expireAfter);
    }

    /** The same (single-key, date) index, removing documents {@code after} the date it holds. */
    public IndexDeclaration expiringAfter(Duration after) {
        return new IndexDeclaration(collection, name, keys, unique, after);
    }

    /** The field names in index order, without direction. */
    public List<String> fields() {
        List<String> fields = new ArrayList<>();
        for (String key : keys) {
            fields.add(key.startsWith("-") ? key.substring(1) : key);
        }
        return fields;
    }

    /** The key document MongoDB expects ({@code {memberId: 1, createdAt: -1}}). */
    public Document keyDocument() {
        Document document = new Document();
        for (String key : keys) {
            if (key.startsWith("-")) {
                document.append(key.substring(1), -1);
            } else {
                document.append(key, 1);
            }
        }
        return document;
    }
}
