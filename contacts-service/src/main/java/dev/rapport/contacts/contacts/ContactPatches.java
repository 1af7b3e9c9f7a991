package dev.rapport.contacts.contacts;

import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.ApiException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patches (RFC 7396) of contacts: a field present replaces the current value,
 * {@code null} clears it, an absent field stays as it is. The merged result is validated like a
 * new contact, so a PATCH can never store what a POST would refuse.
 */
@Component
class ContactPatches {

    private static final Set<String> FIELDS = Stream.of(ContactRequest.class.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toUnmodifiableSet());

    private final JsonMapper json;
    private final Validator validator;

    ContactPatches(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The stored contact as the request that would create it. */
    ContactRequest requestOf(ContactDocument c) {
        return new ContactRequest(
                c.firstName,
                c.lastName,
                List.copyOf(c.emails),
                List.copyOf(c.phones),
                c.company,
                c.title,
                c.location,
                List.copyOf(c.profileUrls),
                c.howWeMet,
                List.copyOf(c.interests),
                c.notes,
                List.copyOf(c.tags),
                c.birthday,
                c.connectedOn,
                c.source,
                c.tier,
                c.cadenceDays,
                List.copyOf(c.goalIds));
    }

    /** The request after the patch, validated; 400 with the failing fields otherwise. */
    ContactRequest merge(ContactRequest current, JsonNode changes) {
        if (changes == null || !changes.isObject()) {
            throw ApiException.invalidField("body", "must be a JSON object of the fields to change");
        }
        List<FieldProblem> problems = new ArrayList<>();
        ObjectNode merged = json.valueToTree(current);
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            if (!FIELDS.contains(change.getKey())) {
                problems.add(new FieldProblem(change.getKey(), "is not a field of a contact"));
            } else if (change.getValue().isNull()) {
                merged.putNull(change.getKey());
            } else {
                merged.set(change.getKey(), change.getValue());
            }
        }
        refuseIfAny(problems);
        ContactRequest result;
        try {
            result = json.treeToValue(merged, ContactRequest.class);
        } catch (JacksonException e) {
            String field = e.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            throw ApiException.invalidField(field.isEmpty() ? "body" : field, "has a value of the wrong type");
        }
        for (ConstraintViolation<ContactRequest> violation : validator.validate(result)) {
            problems.add(new FieldProblem(field(violation.getPropertyPath()), violation.getMessage()));
        }
        problems.sort(Comparator.comparing(FieldProblem::field));
        refuseIfAny(problems);
        return result;
    }

    /** The names of the fields whose values differ. */
    List<String> changedFields(ContactRequest before, ContactRequest after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : ContactRequest.class.getRecordComponents()) {
            try {
                Object a = component.getAccessor().invoke(before);
                Object b = component.getAccessor().invoke(after);
                if (!normalized(a).equals(normalized(b))) {
                    changed.add(component.getName());
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return changed;
    }

    private static Object normalized(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return s.isBlank() ? List.of() : s.strip();
        }
        return value;
    }

    /** {@code emails[0]} rather than Bean Validation's {@code emails[0].<list element>}. */
    private static String field(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case PROPERTY -> {
                    if (!name.isEmpty()) {
                        name.append('.');
                    }
                    name.append(node.getName());
                }
                case CONTAINER_ELEMENT -> {
                    if (node.getIndex() != null) {
                        name.append('[').append(node.getIndex()).append(']');
                    }
                }
                default -> {}
            }
        }
        return name.toString();
    }

    private static void refuseIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    problems.size() == 1 ? "1 field is invalid" : problems.size() + " fields are invalid",
                    Map.of("errors", List.copyOf(problems)));
        }
    }
}
