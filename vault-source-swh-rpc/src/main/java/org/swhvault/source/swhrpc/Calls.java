package org.swhvault.source.swhrpc;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.model.Bytes;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

/**
 * The source's calls: the {@link RpcClient}, and what a read makes of the answers and failures. A masked object
 * becomes {@link ErrorCode#CONTENT_UNAVAILABLE} naming it; an answer of the wrong shape, or an object that does
 * not hash to its id, {@link ErrorCode#CORRUPT_OBJECT}; ids go out in batches.
 */
final class Calls {
    final RpcClient rpc;
    private final int batchSize;

    Calls(RpcClient rpc, int batchSize) {
        this.rpc = rpc;
        this.batchSize = batchSize;
    }

    /** Calls an endpoint that reads objects of {@code type}, expecting an answer of class {@code expected} or None. */
    <T> T call(String endpoint, ObjectType type, Class<T> expected, Map<String, Object> kwargs) {
        Object got;
        try {
            got = rpc.call(endpoint, kwargs);
        } catch (MaskedObjects e) {
            throw unavailable(type, e);
        }
        if (got != null && !expected.isInstance(got)) {
            throw rpc.failure("answered POST /" + endpoint + " with " + Fields.describe(got) + ", not "
                    + Fields.describe(expected), null);
        }
        return expected.cast(got);
    }

    /** Opens the answer of an endpoint that reads objects of {@code type}, to read it as it arrives. */
    InputStream open(String endpoint, ObjectType type, Map<String, Object> kwargs) {
        try {
            return rpc.open(endpoint, kwargs);
        } catch (MaskedObjects e) {
            throw unavailable(type, e);
        }
    }

    /**
     * Reads objects the way {@code revision_get} and {@code release_get} give them: one call per batch, a list
     * as long as the batch with None for the missing ones.
     */
    <T> Map<ObjectId, T> objects(Collection<ObjectId> ids, ObjectType type, String endpoint, String argument,
            Function<Object, T> reader, Function<T, ObjectId> hash) {
        Map<ObjectId, T> found = new LinkedHashMap<>();
        for (List<ObjectId> batch : batches(ids)) {
            List<?> got = aligned(batch, call(endpoint, type, List.class,
                    kwargs(argument, bytes(batch), "ignore_displayname", true)));
            for (int i = 0; i < batch.size(); i++) {
                Object value = got.get(i);
                if (value != null) {
                    ObjectId id = batch.get(i);
                    found.put(id, read(type, id, () -> reader.apply(value), hash));
                }
            }
        }
        return found;
    }

    /**
     * Reads an object with {@code reader} and, with {@code hash} not null, checks that it hashes to the id it is
     * read under: a dict of the wrong shape, or an object that hashes to another id, is a corrupt object.
     */
    <T> T read(ObjectType type, ObjectId expected, Supplier<T> reader, Function<T, ObjectId> hash) {
        Swhid swhid = Swhid.of(type, expected);
        T value;
        try {
            value = reader.get();
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw corrupt(swhid, e.getMessage());
        } catch (VaultException e) {
            if (e.code() == ErrorCode.INVALID_OBJECT || e.code() == ErrorCode.INVALID_ARGUMENT) {
                throw corrupt(swhid, e.getMessage());
            }
            throw e;
        }
        if (hash != null) {
            ObjectId got = hash.apply(value);
            if (!got.equals(expected)) {
                String hint = type == ObjectType.REVISION || type == ObjectType.RELEASE ? " (swh-storage's masking "
                        + "proxy replaces the persons it has display names for, ignore_displayname or not)" : "";
                throw new VaultException(ErrorCode.CORRUPT_OBJECT, swhid + " as " + rpc + " serves it hashes to " + got
                        + ", not to its id" + hint + ".");
            }
        }
        return value;
    }

    VaultException corrupt(Swhid swhid, String what) {
        return new VaultException(ErrorCode.CORRUPT_OBJECT, rpc + " serves " + swhid + " in a form that cannot be read: "
                + what + ".");
    }

    /** The failure of a read refused because an object is masked: the first masked one of {@code type} named. */
    VaultException unavailable(ObjectType type, MaskedObjects e) {
        Swhid named = e.swhids().stream().filter(s -> s.type() == type).findFirst()
                .or(() -> e.swhids().stream().findFirst()).orElse(null);
        return new VaultException(ErrorCode.CONTENT_UNAVAILABLE, (named == null ? "An object" : named.toString())
                + " is masked by " + rpc + " and cannot be read (" + e.getMessage() + ").", e);
    }

    /** Checks that a batch answer lists one item per id asked. */
    List<?> aligned(List<ObjectId> asked, Object got) {
        if (!(got instanceof List<?> list) || list.size() != asked.size()) {
            throw rpc.failure("answered " + (got instanceof List<?> l ? l.size() + " items" : Fields.describe(got))
                    + " for " + asked.size() + " ids", null);
        }
        return list;
    }

    /** The distinct ids, in batches of at most {@code batchSize}. */
    List<List<ObjectId>> batches(Collection<ObjectId> ids) {
        List<ObjectId> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        List<List<ObjectId>> out = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += batchSize) {
            out.add(distinct.subList(i, Math.min(distinct.size(), i + batchSize)));
        }
        return out;
    }

    static Bytes bytes(ObjectId id) {
        return Bytes.wrap(id.toByteArray());
    }

    static List<Object> bytes(List<ObjectId> ids) {
        List<Object> out = new ArrayList<>(ids.size());
        ids.forEach(id -> out.add(bytes(id)));
        return out;
    }

    /** Keyword arguments, in the order given (the method's parameter order, as swh-core's client sends them). */
    static Map<String, Object> kwargs(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }
}
