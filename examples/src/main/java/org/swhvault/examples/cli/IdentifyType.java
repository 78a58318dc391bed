package org.swhvault.examples.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The values of {@code vault identify --type}, written in lower case on the command line. */
enum IdentifyType {
    AUTO, CONTENT, DIRECTORY, SNAPSHOT, ORIGIN;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case label. */
    static final class Converter implements ITypeConverter<IdentifyType> {
        @Override
        public IdentifyType convert(String value) {
            for (IdentifyType t : values()) {
                if (t.label().equals(value)) {
                    return t;
                }
            }
            throw new TypeConversionException("expected one of " + String.join(", ", new Names())
                    + " but was '" + value + "'");
        }
    }

    /** The labels, for help and error messages. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(IdentifyType::label).iterator();
        }
    }
}
