package dev.ceremony.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as configuration files write them: {@code KEY_CERT_SIGN} is {@code key-cert-sign}. */
public final class KebabCase {

    private KebabCase() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant written as {@code text}; the message lists the names accepted. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + Printable.escape(text) + "' is not one of " + names(type));
    }

    /** All names of {@code type}, comma-separated. */
    public static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(KebabCase::of).collect(Collectors.joining(", "));
    }
}
