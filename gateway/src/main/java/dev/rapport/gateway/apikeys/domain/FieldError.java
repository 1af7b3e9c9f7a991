package dev.rapport.gateway.apikeys.domain;

/** One refused field of a request, as problem+json's {@code errors} list carries it. */
public record FieldError(String field, String message) {}
