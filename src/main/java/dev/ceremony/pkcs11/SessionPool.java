package dev.ceremony.pkcs11;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The sessions of one token. A login applies to all of them, so signing threads can each take a
 * session of their own. Sessions are opened as needed, up to a limit, and reused.
 */
final class SessionPool {

    private final Cryptoki cryptoki;
    private final long slot;
    private final int limit;
    private final Deque<Long> idle = new ArrayDeque<>();
    private final List<Long> all = new ArrayList<>();
    private boolean closed;

    SessionPool(Cryptoki cryptoki, long slot, int limit) throws PKCS11Exception {
        if (limit < 1) {
            throw new IllegalArgumentException("session limit must be at least 1");
        }
        this.cryptoki = cryptoki;
        this.slot = slot;
        this.limit = limit;
        long first = cryptoki.openSession(slot);
        all.add(first);
        idle.add(first);
    }

    /** A session for exclusive use until {@link #release}; waits when all are busy. */
    synchronized long acquire() throws PKCS11Exception, InterruptedException {
        while (true) {
            if (closed) {
                throw new IllegalStateException("the token is closed");
            }
            Long session = idle.poll();
            if (session != null) {
                return session;
            }
            if (all.size() < limit) {
                long opened = cryptoki.openSession(slot);
                all.add(opened);
                return opened;
            }
            wait();
        }
    }

    synchronized void release(long session) {
        idle.push(session);
        notifyAll();
    }

    /** Closes every session; errors are ignored because the token may already be gone. */
    synchronized void close() {
        closed = true;
        for (long session : all) {
            try {
                cryptoki.closeSession(session);
            } catch (PKCS11Exception e) {
                // Closing is best effort: a removed token has already dropped its sessions.
            }
        }
        all.clear();
        idle.clear();
        notifyAll();
    }
}
