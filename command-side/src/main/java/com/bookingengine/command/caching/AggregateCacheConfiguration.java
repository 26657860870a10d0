package com.bookingengine.command.caching;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

import java.util.function.Supplier;

/**
 * One aggregate cache per aggregate type (ids of different types may coincide), each named by its aggregate's
 * {@code @Aggregate(cache = ...)}. {@code booking.aggregate-cache.max-size} bounds each (default 10,000 aggregates);
 * {@code booking.aggregate-cache.enabled=false} turns caching off (every command reads its aggregates' events);
 * {@code booking.aggregate-cache.verify=false} (the embedded default, whose H2 file only this process writes) hands
 * out entries without checking their version against the event store ({@link VersionCheckedCache}).
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

    private final boolean enabled;
    private final long maxSize;
    private final boolean verify;
    /** Looked up in the bean factory once, at the first check: not on every cache hit. */
    private final Supplier<EventStore> eventStore;

    AggregateCacheConfiguration(@Value("${booking.aggregate-cache.enabled:true}") boolean enabled,
                                @Value("${booking.aggregate-cache.max-size:10000}") long maxSize,
                                @Value("${booking.aggregate-cache.verify:true}") boolean verify,
                                ObjectProvider<EventStore> eventStore) {
        this.enabled = enabled;
        this.maxSize = maxSize;
        this.verify = verify;
        this.eventStore = SingletonSupplier.of(eventStore::getObject);
    }

    private Cache cache() {
        return enabled ? new VersionCheckedCache(maxSize, eventStore, verify) : NoCache.INSTANCE;
    }

    @Bean(CacheNames.BOOKINGS)
    Cache bookingCache() {
        return cache();
    }

    @Bean(CacheNames.SESSIONS)
    Cache classSessionCache() {
        return cache();
    }

    @Bean(CacheNames.PROVIDER_DAYS)
    Cache providerDayCache() {
        return cache();
    }

    @Bean(CacheNames.SERVICES)
    Cache bookableServiceCache() {
        return cache();
    }

    @Bean(CacheNames.COUPONS)
    Cache couponCache() {
        return cache();
    }

    @Bean(CacheNames.PLANS)
    Cache membershipPlanCache() {
        return cache();
    }
}
