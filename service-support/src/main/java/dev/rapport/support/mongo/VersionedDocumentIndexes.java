package dev.rapport.support.mongo;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

/**
 * A unique index on {@code (_id, version)} for every collection of documents with a {@code @Version}: a versioned
 * save (and a conditional update pinned on the version read) filters on exactly these two keys, which MongoDB serves
 * from {@code _id} anyway and which the embedded store (mongo-java-server) serves only through a unique index on
 * exactly those keys. Without it, every versioned write scanned its whole collection there, holding the collection's
 * lock while it did.
 */
public class VersionedDocumentIndexes implements DeclaredIndexes {

    private final MongoTemplate mongo;

    public VersionedDocumentIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public List<IndexDeclaration> indexes() {
        List<IndexDeclaration> all = new ArrayList<>();
        for (MongoPersistentEntity<?> entity :
                mongo.getConverter().getMappingContext().getPersistentEntities()) {
            if (entity.hasVersionProperty()) {
                String versionField = entity.getRequiredVersionProperty().getFieldName();
                all.add(IndexDeclaration.of(entity.getCollection(), "id_version", "_id", versionField)
                        .asUnique());
            }
        }
        return all;
    }
}
