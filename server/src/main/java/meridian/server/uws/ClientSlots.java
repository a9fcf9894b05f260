package meridian.server.uws;

/**
 * The per-client share of expensive work that async jobs take part in: a job of a client may
 * start executing only while that client has a free slot (the same slots its synchronous queries
 * take). Implementations are thread-safe.
 */
public interface ClientSlots {

    /** No per-client limit. */
    ClientSlots UNLIMITED = new ClientSlots() {
        @Override
        public boolean tryStart(String client) {
            return true;
        }

        @Override
        public void ended(String client) {
            // nothing is counted
        }
    };

    /** Takes one of the client's slots when one is free, without waiting. */
    boolean tryStart(String client);

    /** Gives back a slot taken by {@link #tryStart}. */
    void ended(String client);
}
