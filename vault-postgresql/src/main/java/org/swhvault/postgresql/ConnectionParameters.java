package org.swhvault.postgresql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

/**
 * The libpq connection parameters a {@link PostgresLocation} accepts ({@code ?sslmode=…&connect_timeout=…}), the
 * environment variables libpq reads them from, what each may be, and the pgjdbc property each becomes.
 */
final class ConnectionParameters {
    private ConnectionParameters() {
    }

    /** One parameter: its libpq name and environment variable, what it accepts, and its pgjdbc property. */
    private record Parameter(String name, String env, List<String> values, String accepted, String jdbc,
            Function<String, String> toJdbc) {
    }

    private static final List<String> SSLMODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    /** libpq's target_session_attrs to pgjdbc's targetServerType, which tells hosts apart by transaction_read_only. */
    private static final Map<String, String> TARGETS = orderedMap("any", "any", "read-write", "primary",
            "read-only", "secondary", "primary", "primary", "standby", "secondary", "prefer-standby",
            "preferSecondary");
    private static final String PATH = "a file name";
    private static final String TEXT = "any text";
    private static final String INTEGER = "a whole number";

    private static final Map<String, Parameter> PARAMETERS = index(
            new Parameter("sslmode", "PGSSLMODE", SSLMODES, null, "sslmode", v -> v),
            new Parameter("sslcert", "PGSSLCERT", null, PATH, "sslcert", v -> v),
            new Parameter("sslkey", "PGSSLKEY", null, PATH, "sslkey", v -> v),
            new Parameter("sslrootcert", "PGSSLROOTCERT", null, PATH, "sslrootcert", v -> v),
            new Parameter("sslpassword", null, null, TEXT, "sslpassword", v -> v),
            // libpq waits forever for zero or a negative number, as pgjdbc does for zero
            new Parameter("connect_timeout", "PGCONNECT_TIMEOUT", null, INTEGER + " of seconds (0 waits forever)",
                    "connectTimeout", v -> Integer.toString(Math.max(0, Integer.parseInt(v.strip())))),
            new Parameter("application_name", "PGAPPNAME", null, TEXT, "ApplicationName", v -> v),
            new Parameter("options", "PGOPTIONS", null, TEXT, "options", v -> v),
            new Parameter("target_session_attrs", "PGTARGETSESSIONATTRS", List.copyOf(TARGETS.keySet()), null,
                    "targetServerType", TARGETS::get),
            new Parameter("keepalives", null, null, INTEGER + " (0 turns TCP keepalives off)", "tcpKeepAlive",
                    v -> Boolean.toString(Integer.parseInt(v.strip()) != 0)));

    /** The parameters that hold a secret, never shown. */
    static final String SECRET = "sslpassword";

    private static Map<String, Parameter> index(Parameter... parameters) {
        Map<String, Parameter> index = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            index.put(p.name(), p);
        }
        return index;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Returns why a parameter's value is refused, as the end of a sentence ({@code "sslmode must be one of …, got
     * 'x'"}), or {@code null} if it is accepted.
     */
    static String problem(String name, String value) {
        Parameter p = PARAMETERS.get(name);
        if (p == null) {
            return "the parameter '" + name + "' is not supported (give " + names() + ")";
        }
        if (p.values() != null) {
            return p.values().contains(value) ? null
                    : name + " must be one of " + String.join(", ", p.values()) + ", got '" + value + "'";
        }
        if (p.accepted().startsWith(INTEGER)) {
            try {
                Integer.parseInt(value.strip());
                return null;
            } catch (NumberFormatException e) {
                return name + " must be " + p.accepted() + ", got '" + value + "'";
            }
        }
        if (p.accepted().equals(PATH) && value.isEmpty()) {
            return name + " must be " + PATH + ", got nothing";
        }
        return null;
    }

    private static String names() {
        List<String> names = List.copyOf(PARAMETERS.keySet());
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /**
     * Checks every parameter, failing on the first one refused.
     *
     * @param where the redacted URI, or the name of the map, for the message
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT}
     */
    static void check(String where, Map<String, String> parameters) {
        parameters.forEach((name, value) -> {
            String problem = problem(name, value);
            if (problem != null) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "In " + where + ", " + problem + ".");
            }
        });
    }

    /**
     * Adds to {@code parameters} those it lacks that the environment gives, as libpq reads them.
     *
     * @throws VaultException with {@link ErrorCode#INVALID_ARGUMENT} naming the variable if its value is refused
     */
    static void fromEnvironment(Map<String, String> parameters, Map<String, String> env) {
        for (Parameter p : PARAMETERS.values()) {
            String value = p.env() == null ? null : env.get(p.env());
            if (value == null || value.isEmpty() || parameters.containsKey(p.name())) {
                continue;
            }
            String problem = problem(p.name(), value);
            if (problem != null) {
                throw new VaultException(ErrorCode.INVALID_ARGUMENT, "The environment variable " + p.env()
                        + " is refused: " + problem + ".");
            }
            parameters.put(p.name(), value);
        }
    }

    /** Puts the pgjdbc property of each (checked) parameter into {@code properties}. */
    static void toJdbc(Map<String, String> parameters, Properties properties) {
        parameters.forEach((name, value) -> {
            Parameter p = PARAMETERS.get(name);
            properties.setProperty(p.jdbc(), p.toJdbc().apply(value));
        });
    }
}
