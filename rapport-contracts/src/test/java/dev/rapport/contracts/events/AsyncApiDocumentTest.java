package dev.rapport.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.events.EventCatalog.Area;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps {@code docs/asyncapi.yaml} and the event records in step: the documented type names, topics,
 * sources, payload fields, field types and the values of closed vocabularies (the {@code enum} of a field whose
 * Java type is an enum of the contracts) must be those of {@link EventCatalog} and its records.
 */
class AsyncApiDocumentTest {

    /** Surefire runs in the module directory; the document lives in the repository's docs. */
    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    private static Map<String, Object> document;

    /** Every message listed by a channel, by its {@code ce_type}. */
    private static Map<String, ChannelMessage> messagesByType;

    private record ChannelMessage(String channelId, String address, Map<String, Object> message) {}

    @BeforeAll
    static void readDocument() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCUMENT)) {
            document = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        }
        messagesByType = new LinkedHashMap<>();
        map(document.get("channels")).forEach((channelId, channelNode) -> {
            Map<String, Object> channel = map(channelNode);
            map(channel.get("messages")).values().forEach(messageNode -> {
                Map<String, Object> message = map(resolve(messageNode));
                String type = (String) headerProperty(message, "ce_type").get("const");
                assertThat(type)
                        .as("ce_type const of a message of channel %s", channelId)
                        .isNotNull();
                ChannelMessage previous = messagesByType.put(
                        type, new ChannelMessage(channelId, (String) channel.get("address"), message));
                assertThat(previous)
                        .as(
                                "%s is documented twice (channels %s and %s)",
                                type, channelId, previous == null ? "" : previous.channelId())
                        .isNull();
            });
        });
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
    }

    @Test
    void documentsExactlyTheEventTypesOfTheCatalog() {
        assertThat(messagesByType.keySet())
                .as("ce_type consts of the documented messages")
                .containsExactlyInAnyOrderElementsOf(EventCatalog.all().keySet());
    }

    @Test
    void everyMessageTravelsOnTheTopicOfItsProducerWithItsSourceAndCloudEventsHeaders() {
        SoftAssertions softly = new SoftAssertions();
        messagesByType.forEach((type, documented) -> {
            Area area = areaOf(type);
            softly.assertThat(documented.address()).as("topic of %s", type).isEqualTo(area.topic());
            softly.assertThat(headerProperty(documented.message(), "ce_source").get("const"))
                    .as("ce_source of %s", type)
                    .isEqualTo(area.source());
            softly.assertThat(headerProperty(documented.message(), "ce_specversion")
                            .get("const"))
                    .as("ce_specversion of %s", type)
                    .isEqualTo("1.0");
            softly.assertThat(
                            headerProperty(documented.message(), "content-type").get("const"))
                    .as("content-type of %s", type)
                    .isEqualTo("application/json");
            softly.assertThat(headersRequired(documented.message()))
                    .as("required headers of %s", type)
                    .contains("ce_id", "ce_type", "ce_source", "ce_specversion", "ce_time", "ce_subject");
        });
        softly.assertAll();
    }

    @Test
    void everyPayloadHasExactlyTheFieldsOfItsRecord() {
        SoftAssertions softly = new SoftAssertions();
        messagesByType.forEach((type, documented) -> {
            Class<? extends DomainEvent> eventClass = EventCatalog.classOf(type).orElseThrow();
            softly.assertThat(properties(payload(documented)).keySet())
                    .as("payload fields of %s", type)
                    .containsExactlyInAnyOrderElementsOf(componentNames(eventClass));
        });
        softly.assertAll();
    }

    @Test
    void everyFieldHasTheJsonTypeOfItsJavaType() {
        SoftAssertions softly = new SoftAssertions();
        messagesByType.forEach((type, documented) ->
                assertSchemaMatches(softly, type, EventCatalog.classOf(type).orElseThrow(), payload(documented)));
        softly.assertAll();
    }

    @Test
    void enumValuesThatDriftFromTheJavaEnumAreReported() {
        record Owes(OwedBy owedBy) {}
        Map<String, Object> asToday = Map.of(
                "type", "object",
                "required", List.of("owedBy"),
                "properties", Map.of("owedBy", Map.of("type", "string", "enum", List.of("me", "them"))));
        SoftAssertions matching = new SoftAssertions();
        assertSchemaMatches(matching, "Owes", Owes.class, asToday);
        assertThat(matching.errorsCollected()).isEmpty();

        for (List<?> drifted : List.of(List.of("ME", "THEM"), List.of("me"), List.of("me", "them", "us"), List.of())) {
            Map<String, Object> schema = Map.of(
                    "type", "object",
                    "required", List.of("owedBy"),
                    "properties", Map.of("owedBy", Map.of("type", "string", "enum", drifted)));
            SoftAssertions softly = new SoftAssertions();
            assertSchemaMatches(softly, "Owes", Owes.class, schema);
            assertThat(softly.errorsCollected()).as("documented %s", drifted).isNotEmpty();
        }
    }

    @Test
    void aStringFieldDocumentedWithAnEnumMustBeAnEnumInTheContracts() {
        record Loose(String owedBy) {}
        Map<String, Object> schema = Map.of(
                "type",
                "object",
                "properties",
                Map.of("owedBy", Map.of("type", "string", "enum", List.of("me", "them"))));
        SoftAssertions softly = new SoftAssertions();
        assertSchemaMatches(softly, "Loose", Loose.class, schema);
        assertThat(softly.errorsCollected()).isNotEmpty();
    }

    @Test
    void eachProducerSendsEveryMessageOfItsTopicAndConsumersOnlyReceivePublishedOnes() {
        Map<String, List<Map<String, Object>>> sendsByChannel = new LinkedHashMap<>();
        SoftAssertions softly = new SoftAssertions();
        map(document.get("operations")).forEach((operationId, operationNode) -> {
            Map<String, Object> operation = map(operationNode);
            String channelRef = (String) map(operation.get("channel")).get("$ref");
            String channelId = channelRef.substring("#/channels/".length());
            Set<String> channelMessages = map(map(map(document.get("channels")).get(channelId))
                            .get("messages"))
                    .keySet();
            List<String> operationMessages = list(operation.get("messages")).stream()
                    .map(ref -> (String) map(ref).get("$ref"))
                    .toList();
            softly.assertThat(operationMessages)
                    .as("operation %s may only use messages of its channel %s", operationId, channelId)
                    .allSatisfy(ref -> assertThat(ref).startsWith(channelRef + "/messages/"));
            if ("send".equals(operation.get("action"))) {
                sendsByChannel
                        .computeIfAbsent(channelId, id -> new ArrayList<>())
                        .add(operation);
                softly.assertThat(operationMessages.stream().map(AsyncApiDocumentTest::lastSegment))
                        .as("the producer on %s sends every message of the channel", channelId)
                        .containsExactlyInAnyOrderElementsOf(channelMessages);
            } else {
                softly.assertThat(operation.get("action"))
                        .as("action of %s", operationId)
                        .isEqualTo("receive");
            }
        });
        softly.assertThat(sendsByChannel.keySet())
                .as("channels with a producer")
                .containsExactlyInAnyOrderElementsOf(
                        map(document.get("channels")).keySet());
        sendsByChannel.forEach((channelId, sends) ->
                softly.assertThat(sends).as("send operations on %s", channelId).hasSize(1));
        softly.assertAll();
    }

    private static void assertSchemaMatches(
            SoftAssertions softly, String path, Type javaType, Map<String, Object> schema) {
        Map<String, Object> resolved = map(resolve(schema));
        Set<String> types = jsonTypes(resolved);
        boolean nullable = types.remove("null");
        Class<?> raw = rawClass(javaType);
        if (raw == String.class) {
            softly.assertThat(types).as(path).containsExactly("string");
            softly.assertThat(resolved.get("format")).as("format of %s", path).isNull();
            softly.assertThat(resolved.get("enum"))
                    .as("%s is a String: a closed vocabulary must be an enum in rapport-contracts", path)
                    .isNull();
        } else if (raw.isEnum()) {
            softly.assertThat(types).as(path).containsExactly("string");
            softly.assertThat(WireValue.class.isAssignableFrom(raw))
                    .as("%s: %s carries its wire value", path, raw.getSimpleName())
                    .isTrue();
            List<Object> documented = new ArrayList<>(list(resolved.getOrDefault("enum", List.of())));
            boolean documentsNull = documented.remove(null);
            softly.assertThat(documented)
                    .as("enum values of %s (%s)", path, raw.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(wireValues(raw));
            softly.assertThat(documentsNull)
                    .as("%s: null is in its enum exactly when the field is nullable", path)
                    .isEqualTo(nullable);
        } else if (raw == Instant.class) {
            softly.assertThat(types).as(path).containsExactly("string");
            softly.assertThat(resolved.get("format")).as("format of %s", path).isEqualTo("date-time");
        } else if (raw == LocalDate.class) {
            softly.assertThat(types).as(path).containsExactly("string");
            softly.assertThat(resolved.get("format")).as("format of %s", path).isEqualTo("date");
        } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            softly.assertThat(types).as(path).containsExactly("integer");
        } else if (raw == boolean.class || raw == Boolean.class) {
            softly.assertThat(types).as(path).containsExactly("boolean");
        } else if (List.class.isAssignableFrom(raw)) {
            softly.assertThat(types).as(path).containsExactly("array");
            Type element = ((ParameterizedType) javaType).getActualTypeArguments()[0];
            assertSchemaMatches(softly, path + "[]", element, map(resolved.get("items")));
        } else if (raw.isRecord()) {
            softly.assertThat(types).as(path).containsExactly("object");
            Map<String, Object> properties = properties(resolved);
            softly.assertThat(properties.keySet())
                    .as("fields of %s (%s)", path, raw.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(componentNames(raw));
            List<String> required = list(resolved.getOrDefault("required", List.of())).stream()
                    .map(String.class::cast)
                    .toList();
            softly.assertThat(properties.keySet())
                    .as("required fields of %s are fields", path)
                    .containsAll(required);
            for (RecordComponent component : raw.getRecordComponents()) {
                String componentPath = path + "." + component.getName();
                if (component.getType().isPrimitive()) {
                    softly.assertThat(required)
                            .as("%s is a primitive: always present", componentPath)
                            .contains(component.getName());
                }
                if (properties.containsKey(component.getName())) {
                    assertSchemaMatches(
                            softly,
                            componentPath,
                            component.getGenericType(),
                            map(properties.get(component.getName())));
                }
            }
        } else {
            softly.fail("%s: no JSON mapping known for %s; extend this test", path, javaType);
        }
        if (raw.isPrimitive()) {
            softly.assertThat(nullable)
                    .as("%s is a primitive and cannot be null", path)
                    .isFalse();
        }
    }

    /** The wire values of an enum of the contracts: what its {@code toString()} answers, as JSON carries it. */
    static List<Object> wireValues(Class<?> enumClass) {
        return Stream.of(enumClass.getEnumConstants())
                .map(Object::toString)
                .map(Object.class::cast)
                .toList();
    }

    private static Area areaOf(String type) {
        return Stream.of(Area.values())
                .filter(area -> EventCatalog.typesOf(area).containsValue(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no area publishes " + type));
    }

    private static List<String> componentNames(Class<?> recordClass) {
        return Stream.of(recordClass.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }

    private static Map<String, Object> payload(ChannelMessage documented) {
        return map(resolve(documented.message().get("payload")));
    }

    private static Map<String, Object> properties(Map<String, Object> objectSchema) {
        Map<String, Object> properties = new LinkedHashMap<>();
        map(objectSchema.getOrDefault("properties", Map.of())).forEach(properties::put);
        return properties;
    }

    /** The schema parts of a message's headers: the headers schema itself and its {@code allOf} parts. */
    private static List<Map<String, Object>> headerSchemas(Map<String, Object> message) {
        Map<String, Object> headers = map(resolve(message.get("headers")));
        List<Map<String, Object>> parts = new ArrayList<>();
        parts.add(headers);
        list(headers.getOrDefault("allOf", List.of())).forEach(part -> parts.add(map(resolve(part))));
        return parts;
    }

    /** One header's schema, merged over the {@code allOf} parts (later parts refine earlier ones). */
    private static Map<String, Object> headerProperty(Map<String, Object> message, String header) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map<String, Object> part : headerSchemas(message)) {
            Object property = properties(part).get(header);
            if (property != null) {
                merged.putAll(map(resolve(property)));
            }
        }
        return merged;
    }

    private static Set<String> headersRequired(Map<String, Object> message) {
        return headerSchemas(message).stream()
                .flatMap(part -> list(part.getOrDefault("required", List.of())).stream())
                .map(String.class::cast)
                .collect(Collectors.toSet());
    }

    private static Set<String> jsonTypes(Map<String, Object> schema) {
        Object type = schema.get("type");
        Set<String> types = new LinkedHashSet<>();
        if (type instanceof String single) {
            types.add(single);
        } else if (type instanceof List<?> several) {
            several.forEach(t -> types.add((String) t));
        }
        return types;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new AssertionError("unsupported type " + type);
    }

    /** Follows local {@code $ref}s ({@code #/components/...}) to the node they point at. */
    private static Object resolve(Object node) {
        Object current = node;
        while (current instanceof Map<?, ?> m && m.get("$ref") instanceof String ref) {
            assertThat(ref).as("only local references are supported").startsWith("#/");
            Object target = document;
            for (String segment : ref.substring(2).split("/")) {
                String key = segment.replace("~1", "/").replace("~0", "~");
                target = map(target).get(key);
                assertThat(target).as("reference %s", ref).isNotNull();
            }
            current = target;
        }
        return current;
    }

    private static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<?>) node;
    }
}
