package dsmart.web;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins slow the next ones down, per user name and per client address. Each key counts its failures
 * within {@link Policy#window()} of the last one; from the {@code free}-th failure on the key is locked for
 * {@code baseLock × 2^(failures − free)}, at most {@link Policy#maxLock()}. A login attempt on a locked key is
 * answered 429 with Retry-After, without checking the password. A successful login clears its user name's
 * count (not the address's). Unknown user names are counted like known ones, so a 429 tells nothing about
 * which names exist. The table holds at most {@value #MAX_KEYS} keys; past that, keys that are not locked make room.
 */
public final class LoginThrottle {
    static final int MAX_KEYS = 100_000;

    /**
     * @param freeUserFailures failures of one user name before it is locked
     * @param freeAddressFailures failures from one client address before it is locked
     * @param baseLock the first lock; each further failure doubles it
     * @param maxLock the longest lock
     * @param window failures older than this (counted from the last one) are forgotten
     */
    public record Policy(int freeUserFailures, int freeAddressFailures, Duration baseLock, Duration maxLock, Duration window) {
        /** 5 failures per user name, 20 per address, then 1 s doubling up to 15 min; forgotten after 15 min. */
        public static final Policy DEFAULT = new Policy(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(15));

        public Policy {
            requireNonNull(baseLock, "baseLock");
            requireNonNull(maxLock, "maxLock");
            requireNonNull(window, "window");
            if (freeUserFailures < 1 || freeAddressFailures < 1) {
                throw new IllegalArgumentException("login throttle: free failures must be at least 1");
            }
            if (baseLock.isNegative() || baseLock.isZero() || maxLock.compareTo(baseLock) < 0 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("login throttle: need 0 < baseLock <= maxLock and a positive window");
            }
        }
    }

    private static final class Entry {
        int failures;
        Instant lastFailure;
        Instant lockedUntil = Instant.MIN;
    }

    private final Policy policy;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    LoginThrottle(Policy policy, Clock clock) {
        this.policy = requireNonNull(policy, "policy");
        this.clock = requireNonNull(clock, "clock");
    }

    /** How long the attempt must wait (zero: go ahead). */
    synchronized Duration retryAfter(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Entry entry = entries.get(key);
            if (entry != null && entry.lockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, entry.lockedUntil);
                if (left.compareTo(wait) > 0) {
                    wait = left;
                }
            }
        }
        return wait;
    }

    synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        count(userKey(user), policy.freeUserFailures(), now);
        count(addressKey(address), policy.freeAddressFailures(), now);
    }

    synchronized void succeeded(String user) {
        entries.remove(userKey(user));
    }

    synchronized int size() {
        return entries.size();
    }

    private void count(String key, int free, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null || entry.lastFailure.plus(policy.window()).isBefore(now)) {
            if (entry == null && entries.size() >= MAX_KEYS && !makeRoom(now)) {
                return; // every tracked key is locked right now: keep those locks rather than track one more
            }
            entry = new Entry();
            entries.put(key, entry);
        }
        entry.failures++;
        entry.lastFailure = now;
        if (entry.failures >= free) {
            int doublings = Math.min(entry.failures - free, 30);
            Duration lock = policy.baseLock().multipliedBy(1L << doublings);
            if (lock.compareTo(policy.maxLock()) > 0 || lock.isNegative()) {
                lock = policy.maxLock();
            }
            entry.lockedUntil = now.plus(lock);
        }
    }

    /** Drops keys that are not locked (forgotten ones first, then the rest); whether there is room now. */
    private boolean makeRoom(Instant now) {
        entries.values().removeIf(e -> e.lastFailure.plus(policy.window()).isBefore(now) && !e.lockedUntil.isAfter(now));
        if (entries.size() >= MAX_KEYS) {
            entries.values().removeIf(e -> !e.lockedUntil.isAfter(now));
        }
        return entries.size() < MAX_KEYS;
    }

    private static String userKey(String user) {
        return "user:" + (user == null ? "" : user.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "addr:" + (address == null ? "" : address);
    }
}
