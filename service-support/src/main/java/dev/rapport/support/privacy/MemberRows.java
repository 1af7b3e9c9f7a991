package dev.rapport.support.privacy;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A member's rows of one collection, read as a stream in a stable order for their export: mapped by field name into
 * the export's own record, so the export shows what is stored. The query (member id, then the order field and
 * {@code _id}) is served by each service's declared member-scoped index.
 */
public final class MemberRows {

    /**
     * Rows fetched per round trip by every stream of a member's rows (exports, network health): without it a cursor's later batches are as large as the store allows (the embedded
     * store returned all the rest at once), and 20 exports of a 30,000-contact member at once ran contacts-service
     * out of its 384 MB heap (./rapport bench, heavy reads).
     */
    public static final int STREAM_BATCH = 500;

    private MemberRows() {}

    /** The member's rows of {@code collection} as {@code type}, ordered by {@code order} then {@code _id}. */
    public static <T> Supplier<Stream<T>> of(
            MongoTemplate mongo, String memberId, String order, Class<T> type, String collection) {
        return () -> mongo.stream(
                query(where("memberId").is(memberId))
                        .with(Sort.by(order, "_id"))
                        .cursorBatchSize(STREAM_BATCH),
                type,
                collection);
    }
}
