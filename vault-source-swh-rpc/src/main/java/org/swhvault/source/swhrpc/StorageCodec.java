package org.swhvault.source.swhrpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.swhvault.swhrpc.ExtraType;
import org.swhvault.swhrpc.SwhMsgpack;
import org.swhvault.swhrpc.SwhidTypes;

/**
 * swh-storage's RPC codec: swh-core's, plus the extra types of {@code swh/storage/api/serializers.py} that
 * the vault's calls meet: {@code model} (read as {@link ModelObject}), the three SWHID types, and
 * {@code masked_status} (in the arguments of a {@code MaskedObjectException}). Enums and the other types of
 * swh-storage read as {@link org.swhvault.swhrpc.ExtraValue}s, which no call here uses.
 */
final class StorageCodec {
    /** swh-storage's masking proxy's {@code MaskedStatus}: how an object is masked, and by which request. */
    record MaskedStatus(String state, UUID request) {
    }

    static final ExtraType<ModelObject> MODEL = ExtraType.of("model", ModelObject.class, ModelObject::toPayload,
            ModelObject::fromPayload);
    static final ExtraType<MaskedStatus> MASKED_STATUS = ExtraType.of("masked_status", MaskedStatus.class,
            s -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("state", s.state());
                d.put("request", s.request().toString());
                return d;
            }, v -> {
                Map<?, ?> d = (Map<?, ?>) v;
                return new MaskedStatus((String) d.get("state"), UUID.fromString((String) d.get("request")));
            });

    static final SwhMsgpack CODEC = SwhMsgpack.core().with(MODEL, SwhidTypes.CORE, SwhidTypes.EXTENDED,
            SwhidTypes.QUALIFIED, MASKED_STATUS);

    private StorageCodec() {
    }
}
