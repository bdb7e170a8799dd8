package io.cloudpro.platform.http;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Query parameters of the wrong type ({@code ?page=abc}) are a 400 naming the parameter. JAX-RS
 * answers them with 404, as if the address did not exist, which sends a client looking in the wrong
 * place. Path parameters keep the 404: a malformed id names nothing that exists.
 */
@Provider
public class QueryParameterConverters implements ParamConverterProvider {

    /** A query parameter that could not be read as its type. */
    public static class InvalidQueryParameter extends BadRequestException {
        private final String name;
        private final String expected;

        InvalidQueryParameter(String name, String expected) {
            super("query parameter " + name + " must be " + expected);
            this.name = name;
            this.expected = expected;
        }

        public String name() {
            return name;
        }

        public String expected() {
            return expected;
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, "a whole number", Integer::valueOf, rawType == int.class ? 0 : null);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) converter(name, "a whole number", Long::valueOf, rawType == long.class ? 0L : null);
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, "true or false", QueryParameterConverters::strictBoolean,
                    rawType == boolean.class ? false : null);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, "a UUID", UUID::fromString, null);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, "a UTC timestamp such as 2026-01-31T12:00:00Z", Instant::parse, null);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "a date such as 2026-01-31", LocalDate::parse, null);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String allowed = "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
            return (ParamConverter<T>) converter(name, allowed, value -> Enum.valueOf(type, value.toUpperCase(Locale.ROOT)), null);
        }
        return null;
    }

    /** {@code absent}: what a parameter that was not sent becomes (a primitive's zero value, else null). */
    private static <T> ParamConverter<T> converter(String name, String expected, Function<String, T> parse, T absent) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return absent; // not sent (JAX-RS hands primitives an empty default)
                }
                try {
                    return parse.apply(value.trim());
                } catch (RuntimeException e) {
                    throw new InvalidQueryParameter(name, expected);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /** true or false; "0" is what JAX-RS hands an absent primitive, so it means false too. */
    private static Boolean strictBoolean(String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value) || "0".equals(value)) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException(value);
    }

    private static String queryParameterName(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    return query.value();
                }
            }
        }
        return null;
    }
}
