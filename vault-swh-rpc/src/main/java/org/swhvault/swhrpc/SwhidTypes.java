package org.swhvault.swhrpc;

import org.swhvault.spi.swhid.Swhid;
import org.swhvault.spi.swhid.SwhidParser;

/**
 * The extra types that carry SWHIDs as their text, which swh-vault's RPC ({@code core_swhid}) and
 * swh-storage's ({@code core_swhid}, {@code extended_swhid}, {@code qualified_swhid}) add to swh-core's. All
 * three read as {@link Swhid}; a SWHID is written as {@code qualified_swhid} when it has qualifiers, else as
 * {@code core_swhid} when its type is a core one, else as {@code extended_swhid}.
 */
public final class SwhidTypes {
    /** {@code core_swhid}: swh-model's {@code CoreSWHID}. */
    public static final ExtraType<Swhid> CORE = ExtraType.of("core_swhid", Swhid.class,
            Swhid::isCore, Swhid::toString, v -> Swhid.parseCore((String) v));
    /** {@code extended_swhid}: swh-model's {@code ExtendedSWHID} (origins, raw extrinsic metadata too). */
    public static final ExtraType<Swhid> EXTENDED = ExtraType.of("extended_swhid", Swhid.class,
            s -> s.isExtended() && !s.hasQualifiers(), Swhid::toString, v -> Swhid.parseExtended((String) v));
    /** {@code qualified_swhid}: swh-model's {@code QualifiedSWHID}, parsed as swh-model does (leniently). */
    public static final ExtraType<Swhid> QUALIFIED = ExtraType.of("qualified_swhid", Swhid.class,
            Swhid::hasQualifiers, Swhid::toString, v -> Swhid.parse((String) v, SwhidParser.Mode.LENIENT));

    private SwhidTypes() {
    }
}
