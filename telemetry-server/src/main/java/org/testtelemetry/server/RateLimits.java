package org.testtelemetry.server;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client request limits (Bucket4j token buckets): one bucket per token, or per IP address without one. A
 * client may burst up to ten seconds' worth of requests. The map is cleared when it grows past
 * {@value #MAX_KEYS} keys, which only ever gives clients a fresh bucket, never a stricter one.
 */
final class RateLimits {

    private static final int MAX_KEYS = 100_000;

    private final int perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond sustained requests per second per key; 0 for no limit */
    RateLimits(int perSecond) {
        this.perSecond = perSecond;
    }

    /** -1 when the request may go on, else the seconds to wait (at least 1). */
    long tryAcquire(String key) {
        if (perSecond <= 0) {
            return -1;
        }
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perSecond * 10L).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return -1;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
