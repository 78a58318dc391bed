package org.swhvault.postgresql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/** Connections to a {@link PostgresLocation} for a pool, which then never sees the properties and passwords. */
final class LocationDataSource implements DataSource {
    private final PostgresLocation location;
    private final Driver driver;
    private final Map<String, String> defaults;
    private volatile int loginTimeoutSeconds;
    private volatile PrintWriter logWriter;

    LocationDataSource(PostgresLocation location, Driver driver, Map<String, String> defaults) {
        this.location = location;
        this.driver = driver;
        this.defaults = defaults;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = location.jdbcProperties(defaults);
        if (loginTimeoutSeconds > 0 && !properties.containsKey("connectTimeout")) {
            properties.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
        }
        Connection c = driver.connect(location.jdbcUrl(), properties);
        if (c == null) {
            throw new SQLException("the JDBC driver " + driver.getClass().getName() + " does not accept "
                    + location.jdbcUrl());
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user and password are " + location + "'s");
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("logs through slf4j");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return location.toString();
    }
}
