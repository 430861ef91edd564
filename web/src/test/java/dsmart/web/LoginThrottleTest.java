package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    static final LoginThrottle.Policy POLICY =
            new LoginThrottle.Policy(3, 5, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(10));

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-06-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    final TestClock clock = new TestClock();
    final LoginThrottle throttle = new LoginThrottle(POLICY, clock);

    @Test
    void theFirstFailuresAreFree() {
        throttle.failed("chen", "10.0.0.1");
        throttle.failed("chen", "10.0.0.1");

        assertThat(throttle.retryAfter("chen", "10.0.0.1")).isZero();
    }

    @Test
    void theThirdFailureLocksTheUserNameForTheBaseLockThenDoubles() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("chen", "10.0.0." + i); // different addresses: the user name alone locks
        }
        assertThat(throttle.retryAfter("chen", "10.0.0.9")).isEqualTo(Duration.ofSeconds(2));

        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.retryAfter("chen", "10.0.0.9")).isZero();

        throttle.failed("chen", "10.0.0.9");
        assertThat(throttle.retryAfter("chen", "10.0.0.9")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theLockNeverExceedsTheMaximum() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("chen", "10.0.0." + i);
        }
        assertThat(throttle.retryAfter("chen", "10.0.1.1")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void userNamesAreCountedCaseInsensitively() {
        throttle.failed("Chen", "10.0.0.1");
        throttle.failed("CHEN", "10.0.0.2");
        throttle.failed("chen", "10.0.0.3");

        assertThat(throttle.retryAfter("chen", "10.0.0.4")).isPositive();
    }

    @Test
    void oneAddressTryingManyNamesIsLocked() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.9.9.9");
        }
        assertThat(throttle.retryAfter("someone-else", "10.9.9.9")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.retryAfter("someone-else", "10.9.9.8")).isZero();
    }

    @Test
    void successClearsTheUserName() {
        throttle.failed("chen", "10.0.0.1");
        throttle.failed("chen", "10.0.0.1");
        throttle.succeeded("chen");
        throttle.failed("chen", "10.0.0.1");

        assertThat(throttle.retryAfter("chen", "10.0.0.2")).isZero();
    }

    @Test
    void failuresAreForgottenAfterTheWindow() {
        throttle.failed("chen", "10.0.0.1");
        throttle.failed("chen", "10.0.0.1");
        clock.advance(Duration.ofMinutes(11));
        throttle.failed("chen", "10.0.0.1");

        assertThat(throttle.retryAfter("chen", "10.0.0.2")).isZero();
    }
}
