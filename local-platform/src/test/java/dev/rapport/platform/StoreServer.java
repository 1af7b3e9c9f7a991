package dev.rapport.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.bson.Document;

/** Serves an H2 backend over the MongoDB wire for one piece of work, then closes it (and its data file). */
final class StoreServer {

    private StoreServer() {}

    static void withCollection(H2Backend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client =
                MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            work.accept(client.getDatabase("rapport-test").getCollection("contacts"));
        } finally {
            server.shutdownNow();
        }
    }
}
