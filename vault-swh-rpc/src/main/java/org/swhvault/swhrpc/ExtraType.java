package org.swhvault.swhrpc;

import java.util.function.Function;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * One of swh-core's extra types: a Java type written as the map {@code {b"swhtype": name, b"d": payload}},
 * as swh-core's {@code ENCODERS} and {@code DECODERS} pairs do (and the extra ones each RPC service adds,
 * such as swh-storage's {@code model}). Immutable and thread-safe.
 *
 * @param <T> the Java type
 */
public final class ExtraType<T> {
    private final String name;
    private final Class<T> type;
    private final Predicate<? super T> applies;
    private final Function<? super T, ?> encoder;
    private final Function<Object, ? extends T> decoder;

    private ExtraType(String name, Class<T> type, Predicate<? super T> applies, Function<? super T, ?> encoder,
            Function<Object, ? extends T> decoder) {
        this.name = requireNonNull(name, "name is null");
        this.type = type;
        this.applies = applies;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /**
     * Returns an extra type written for every instance of {@code type} and read back with {@code decoder}.
     *
     * @param name the {@code swhtype} name, such as {@code uuid}
     * @param type the Java type
     * @param encoder turns a value into the payload, a value {@link SwhMsgpack} can write
     * @param decoder turns a payload, already decoded, back into a value; it throws
     *     {@link RuntimeException}s (such as {@link ClassCastException}) on a payload of the wrong shape
     * @param <T> the Java type
     * @return the extra type
     */
    public static <T> ExtraType<T> of(String name, Class<T> type, Function<? super T, ?> encoder,
            Function<Object, ? extends T> decoder) {
        return of(name, type, v -> true, encoder, decoder);
    }

    /**
     * Returns an extra type written only for the instances of {@code type} that {@code applies} accepts, as
     * when several names share one Java type (swh-storage's {@code core_swhid}, {@code extended_swhid} and
     * {@code qualified_swhid} are all {@link org.swhvault.spi.swhid.Swhid}s).
     *
     * @param name the {@code swhtype} name
     * @param type the Java type
     * @param applies which values this name is written for
     * @param encoder turns a value into the payload
     * @param decoder turns a payload back into a value
     * @param <T> the Java type
     * @return the extra type
     */
    public static <T> ExtraType<T> of(String name, Class<T> type, Predicate<? super T> applies,
            Function<? super T, ?> encoder, Function<Object, ? extends T> decoder) {
        return new ExtraType<>(name, requireNonNull(type, "type is null"), requireNonNull(applies, "applies is null"),
                requireNonNull(encoder, "encoder is null"), requireNonNull(decoder, "decoder is null"));
    }

    /**
     * Returns an extra type that is only read, never written, such as swh-core's legacy {@code datetime}.
     *
     * @param name the {@code swhtype} name
     * @param decoder turns a payload into a value
     * @return the extra type
     */
    public static ExtraType<Object> decodeOnly(String name, Function<Object, ?> decoder) {
        requireNonNull(decoder, "decoder is null");
        return new ExtraType<>(name, null, null, null, decoder::apply);
    }

    /** Returns the {@code swhtype} name. */
    public String name() {
        return name;
    }

    /** Returns whether {@code value} is written as this extra type. */
    boolean appliesTo(Object value) {
        return type != null && type.isInstance(value) && applies.test(type.cast(value));
    }

    /** Returns the payload to write for a value this type {@linkplain #appliesTo applies to}. */
    Object payload(Object value) {
        return encoder.apply(type.cast(value));
    }

    /** Returns the value a decoded payload stands for. */
    Object decode(Object payload) {
        return decoder.apply(payload);
    }

    @Override
    public String toString() {
        return "ExtraType[" + name + "]";
    }
}
