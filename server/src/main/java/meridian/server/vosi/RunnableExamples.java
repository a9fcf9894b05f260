package meridian.server.vosi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import meridian.adql.RowFilter;
import meridian.server.tap.QueryPlanner;
import meridian.sql.model.MetadataModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DALI examples this archive can run: each configured example is parsed, checked and
 * translated by the same planner as TAP queries, against the archive's current metadata model;
 * those that fail (a table or column the archive does not publish: an archive without the demo
 * catalogue, a catalogue removed) are left out with a log line saying why. The check runs again
 * whenever the model changes (a catalogue published or removed, also by another process), so the
 * list follows what is published. Thread-safe.
 */
public final class RunnableExamples {

    private static final Logger LOG = LoggerFactory.getLogger(RunnableExamples.class);
    /** The ADQL version examples are written in (TAP's {@code LANG=ADQL}). */
    private static final String ADQL_VERSION = "2.1";

    private final List<Example> configured;
    private final QueryPlanner planner;
    private final Supplier<MetadataModel> model;
    private volatile Checked checked;

    private record Checked(MetadataModel model, List<Example> runnable, long changedAt) {
    }

    /**
     * @param configured the examples of the configuration
     * @param planner    the TAP planner
     * @param model      the current metadata model (read on every call: cheap)
     */
    public RunnableExamples(List<Example> configured, QueryPlanner planner, Supplier<MetadataModel> model) {
        this.configured = List.copyOf(configured);
        this.planner = planner;
        this.model = model;
    }

    /** The examples that run against the current model, in the configured order. */
    public List<Example> current() {
        return checked().runnable();
    }

    /** When {@link #current} last changed (milliseconds since the epoch), for Last-Modified. */
    public long changedAt() {
        return checked().changedAt();
    }

    private Checked checked() {
        MetadataModel now = model.get();
        Checked c = checked;
        if (c == null || c.model() != now) {
            List<Example> runnable = check(now, c == null ? null : c.runnable());
            long at = c != null && c.runnable().equals(runnable) ? c.changedAt() : System.currentTimeMillis();
            c = new Checked(now, runnable, at);
            checked = c;
        }
        return c;
    }

    private List<Example> check(MetadataModel now, List<Example> before) {
        List<Example> ok = new ArrayList<>();
        for (Example e : configured) {
            try {
                planner.plan(e.query(), ADQL_VERSION, now, RowFilter.NONE);
                ok.add(e);
            } catch (RuntimeException ex) {
                // said once per change: when the example was shown before (or at the first check)
                if (before == null || before.contains(e)) {
                    LOG.warn("DALI example {} is not served at /tap/examples: {}", e.id(), ex.getMessage());
                }
            }
        }
        if (before != null) {
            ok.stream().filter(e -> !before.contains(e))
                    .forEach(e -> LOG.info("DALI example {} runs again and is served at /tap/examples", e.id()));
        }
        return List.copyOf(ok);
    }
}
