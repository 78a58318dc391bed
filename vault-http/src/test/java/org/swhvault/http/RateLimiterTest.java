package org.swhvault.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, (byte) (last >> 8), (byte) last});
    }

    @Test
    void aClientGetsItsBudgetThenWaitsForOneRefill() throws Exception {
        RateLimiter limiter = new RateLimiter(RateLimit.parse("3/min"), now::get);
        InetAddress a = ip(1);
        assertThat(limiter.acquire(a)).isZero();
        assertThat(limiter.acquire(a)).isZero();
        assertThat(limiter.acquire(a)).isZero();
        assertThat(limiter.acquire(a)).isEqualTo(20); // one permit every 20 s
        now.addAndGet(Duration.ofSeconds(19).toNanos());
        assertThat(limiter.acquire(a)).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire(a)).isZero();
        assertThat(limiter.acquire(a)).isEqualTo(20);
    }

    @Test
    void clientsHaveSeparateBudgets() throws Exception {
        RateLimiter limiter = new RateLimiter(RateLimit.parse("1/h"), now::get);
        assertThat(limiter.acquire(ip(1))).isZero();
        assertThat(limiter.acquire(ip(1))).isEqualTo(3600);
        assertThat(limiter.acquire(ip(2))).isZero();
    }

    @Test
    void theBucketNeverHoldsMoreThanItsBudget() throws Exception {
        RateLimiter limiter = new RateLimiter(RateLimit.parse("2/s"), now::get);
        InetAddress a = ip(1);
        limiter.acquire(a);
        now.addAndGet(Duration.ofDays(1).toNanos());
        assertThat(limiter.acquire(a)).isZero();
        assertThat(limiter.acquire(a)).isZero();
        assertThat(limiter.acquire(a)).isEqualTo(1);
    }

    @Test
    void idleClientsAreForgotten() throws Exception {
        RateLimiter limiter = new RateLimiter(RateLimit.parse("10/s"), now::get);
        for (int i = 0; i < 5000; i++) {
            limiter.acquire(ip(i));
        }
        assertThat(limiter.size()).isEqualTo(5000);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        limiter.acquire(ip(60000));
        assertThat(limiter.size()).isLessThan(10);
    }

    @Test
    void rateLimitsParseAndPrint() {
        assertThat(RateLimit.parse("60/min")).isEqualTo(new RateLimit(60, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("120/h").toString()).isEqualTo("120/h");
        assertThat(RateLimit.parse(" 5 / S ")).isEqualTo(new RateLimit(5, Duration.ofSeconds(1)));
        for (String bad : new String[] {"60", "0/min", "-1/s", "x/min", "5/week", "/min"}) {
            assertThatThrownBy(() -> RateLimit.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("60/min");
        }
    }

    @Test
    void peekingSaysWhatIsLeftWithoutTakingIt() throws Exception {
        RateLimiter limiter = new RateLimiter(RateLimit.parse("2/min"), now::get);
        assertThat(limiter.peek(ip(1)).remaining()).isEqualTo(2);
        assertThat(limiter.take(ip(1)).remaining()).isEqualTo(1);
        assertThat(limiter.peek(ip(1)).remaining()).isEqualTo(1);
        assertThat(limiter.peek(ip(1)).allowed()).isTrue();
        limiter.take(ip(1));
        RateLimiter.Decision empty = limiter.peek(ip(1));
        assertThat(empty.remaining()).isZero();
        assertThat(empty.allowed()).isFalse();
        assertThat(empty.retryAfterSeconds()).isEqualTo(30);
        assertThat(limiter.take("a token's hash").remaining()).isEqualTo(1); // any key, not only addresses
    }
}
