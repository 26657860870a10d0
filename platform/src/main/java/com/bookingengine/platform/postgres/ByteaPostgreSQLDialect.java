package com.bookingengine.platform.postgres;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;

/**
 * PostgreSQL with every {@code @Lob byte[]} stored as {@code bytea}. Axon's event payloads, tokens and dead letters
 * are {@code @Lob} columns, which Hibernate maps to large objects (OID) on PostgreSQL by default: a token update then
 * leaves its old large object behind until the database fills up. {@code bytea} is an ordinary column: written,
 * replaced and vacuumed with its row.
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        JdbcTypeRegistry registry = typeContributions.getTypeConfiguration().getJdbcTypeRegistry();
        registry.addDescriptor(SqlTypes.BLOB, BinaryJdbcType.INSTANCE);
    }
}
