package meridian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TAP scenarios: {@code top10}, {@code count}, {@code cone}, {@code stream}, {@code async}
 * and {@code upload}, each over every catalogue table of the target (the size series) except the
 * stream, which reads one table of {@link BenchOptions#streamRows()} rows in three formats.
 * Queries are built from the target's configured table and column names only.
 */
final class TapScenarios {

    /** Cone radii, degrees. */
    static final double[] RADII = {0.1, 1, 5};
    /** Stream formats: RESPONSEFORMAT value and label. */
    static final List<String> STREAM_FORMATS = List.of("votable/b2", "votable/td", "csv");

    private final Target target;
    private final HttpDriver http;
    private final BenchOptions options;

    TapScenarios(Target target, HttpDriver http, BenchOptions options) {
        this.target = target;
        this.http = http;
        this.options = options;
    }

    /** A sync query: returns the timed sample; checks the answer and counts rows when {@code verify}. */
    Sample sync(String adql, long maxrec, String format, boolean capture, Duration timeout) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("REQUEST", "doQuery");
        p.put("LANG", "ADQL");
        p.put("QUERY", adql);
        p.put("MAXREC", Long.toString(maxrec));
        if (format != null) {
            p.put("RESPONSEFORMAT", format);
        }
        HttpResult r = http.postForm(target.tapUrl() + "/sync", new ArrayList<>(p.entrySet()), timeout, capture);
        if (r.error().isPresent()) {
            throw new BenchException(r.error().get());
        }
        long rows = -1;
        if ("csv".equals(format)) {
            rows = r.lines() - 1;
        } else if ("votable/td".equals(format)) {
            rows = r.trRows();
        } else if (capture) {
            rows = VoTableRows.count(r.body());
        }
        return new Sample(r.seconds(), rows, r.bytes());
    }

    private Sample sync(String adql, long maxrec) throws Exception {
        return sync(adql, maxrec, null, true, options.timeout());
    }

    List<BenchCase> top10() {
        return perTable("top10", "TOP 10", t -> (i, v) -> expectRows(sync("SELECT TOP 10 * FROM " + t.name(), 10), 10));
    }

    List<BenchCase> count() {
        return perTable("count", "COUNT(*)", t -> (i, v) -> {
            Sample s = sync("SELECT COUNT(*) AS n FROM " + t.name(), 10);
            return new Sample(s.seconds(), t.rows(), s.bytes());
        });
    }

    List<BenchCase> cone() {
        return cone("cone", "", RADII);
    }

    /**
     * Cone searches of {@code radii} degrees over every table of the target, as cases of
     * {@code scenario} labelled {@code PREFIXr=1deg}.
     */
    List<BenchCase> cone(String scenario, String labelPrefix, double[] radii) {
        List<BenchCase> out = new ArrayList<>();
        SkyPositions centres = new SkyPositions(7);
        for (double r : radii) {
            String label = labelPrefix + radiusLabel(r);
            out.addAll(perTable(scenario, label, t -> (i, v) -> {
                // a different, reproducible centre each run, away from the poles
                double ra = centres.ra(i);
                double dec = Math.max(-80, Math.min(80, centres.dec(i)));
                String adql = String.format(Locale.ROOT, "SELECT * FROM %s WHERE 1 = CONTAINS(POINT('ICRS', %s, %s),"
                        + " CIRCLE('ICRS', %.6f, %.6f, %s))", t.name(), target.raColumn(), target.decColumn(), ra, dec, r);
                return sync(adql, 10_000_000);
            }));
        }
        return out;
    }

    /** {@code r=0.1deg}, {@code r=1deg}: how cone cases are labelled. */
    static String radiusLabel(double r) {
        return "r=" + (r == Math.rint(r) ? Integer.toString((int) r) : Double.toString(r)) + "deg";
    }

    List<BenchCase> stream() {
        Target.TableRef t = streamTable();
        if (t == null) {
            return List.of(BenchCase.unavailable("stream", "", "no catalogue table"));
        }
        long n = t.rows() < 0 ? options.streamRows() : Math.min(options.streamRows(), t.rows());
        List<BenchCase> out = new ArrayList<>();
        for (String format : STREAM_FORMATS) {
            String adql = "SELECT TOP " + n + " * FROM " + t.name();
            out.add(new BenchCase("stream", format + " " + n + " rows", t.name(), t.rows(), null, (i, verify) -> {
                boolean b2 = format.equals("votable/b2");
                // BINARY2 rows are counted by parsing, which the warm-up does outside the timed runs
                Sample s = sync(adql, n, format, verify && b2, options.timeout());
                long rows = b2 ? n : s.rows();
                if ((verify || !b2) && s.rows() != n) {
                    throw new BenchException("expected " + n + " rows, got " + s.rows());
                }
                return new Sample(s.seconds(), rows, s.bytes());
            }, Math.min(1, options.warmups()) , options.reps()));
        }
        return out;
    }

    /** The smallest table holding at least {@code streamRows}, else the largest. */
    private Target.TableRef streamTable() {
        Target.TableRef best = null;
        for (Target.TableRef t : target.tables()) {
            if (t.rows() < 0 || t.rows() >= options.streamRows()) {
                return t;
            }
            best = t;
        }
        return best;
    }

    List<BenchCase> async() {
        return perTable("async", "TOP 1000 job", t -> (i, v) -> expectRows(asyncRoundTrip(
                "SELECT TOP 1000 * FROM " + t.name()), 1000));
    }

    /** Create with PHASE=RUN, wait (UWS WAIT), fetch the result, delete the job. */
    Sample asyncRoundTrip(String adql) throws Exception {
        long t0 = System.nanoTime();
        Instant deadline = Instant.now().plus(options.timeout());
        String jobs = target.tapUrl() + "/async";
        HttpResult created = http.postForm(jobs, List.of(Map.entry("REQUEST", "doQuery"), Map.entry("LANG", "ADQL"),
                Map.entry("QUERY", adql), Map.entry("MAXREC", "100000"), Map.entry("PHASE", "RUN")),
                options.timeout(), true);
        if (created.location() == null || created.status() != 303) {
            throw new BenchException("job creation answered HTTP " + created.status() + " without a redirect");
        }
        String job = resolve(jobs, created.location());
        String phase = phase(job);
        while (!phase.equals("COMPLETED")) {
            if (phase.equals("ERROR") || phase.equals("ABORTED") || Instant.now().isAfter(deadline)) {
                throw new BenchException("job " + job + " ended in " + phase);
            }
            http.get(HttpDriver.withParams(job, Map.of("WAIT", "10", "PHASE", phase)), options.timeout(), true);
            phase = phase(job);
        }
        HttpResult result = follow(job + "/results/result");
        if (result.error().isPresent()) {
            throw new BenchException(result.error().get());
        }
        http.postForm(job, List.of(Map.entry("ACTION", "DELETE")), options.timeout(), true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Sample(seconds, VoTableRows.count(result.body()), result.bytes());
    }

    private String phase(String job) throws Exception {
        HttpResult r = http.get(job + "/phase", options.timeout(), true);
        if (r.status() != 200) {
            throw new BenchException("GET " + job + "/phase answered HTTP " + r.status());
        }
        return r.text().trim();
    }

    private HttpResult follow(String url) throws Exception {
        String u = url;
        for (int hops = 0; hops < 5; hops++) {
            HttpResult r = http.get(u, options.timeout(), true);
            if (r.status() / 100 != 3 || r.location() == null) {
                return r;
            }
            u = resolve(u, r.location());
        }
        throw new BenchException("too many redirects from " + url);
    }

    private static String resolve(String base, String location) {
        return java.net.URI.create(base).resolve(location).toString();
    }

    List<BenchCase> upload() {
        int n = options.uploadRows();
        return perTable("upload", "xmatch " + n + " pos 5arcsec", t -> {
            byte[] votable = uploadTable(t, n);
            String adql = "SELECT u.pos_id, c." + target.idColumn() + " FROM TAP_UPLOAD.pos AS u JOIN " + t.name()
                    + " AS c ON DISTANCE(POINT('ICRS', u.ra, u.dec), POINT('ICRS', c." + target.raColumn() + ", c."
                    + target.decColumn() + ")) < 5/3600.";
            return (i, v) -> {
                HttpResult r = http.postMultipart(target.tapUrl() + "/sync", Map.of("REQUEST", "doQuery",
                        "LANG", "ADQL", "QUERY", adql, "MAXREC", "1000000", "UPLOAD", "pos,param:pos"),
                        Map.of("pos", votable), options.xmatchTimeout(), true);
                if (r.error().isPresent()) {
                    throw new BenchException(r.error().get());
                }
                return new Sample(r.seconds(), VoTableRows.count(r.body()), r.bytes());
            };
        });
    }

    /**
     * {@code n} positions as a VOTable: the first half are catalogue rows moved by 1 arcsec (for
     * the bench catalogues, where row positions are known), the rest random.
     */
    byte[] uploadTable(Target.TableRef t, int n) {
        SkyPositions cat = new SkyPositions(CatalogueGenerator.SEED);
        SkyPositions other = new SkyPositions(99);
        boolean known = t.name().startsWith(CatalogueTables.SCHEMA + ".") && t.rows() > 0;
        StringBuilder sb = new StringBuilder(n * 80);
        sb.append("<?xml version=\"1.0\"?>\n<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">"
                + "<RESOURCE><TABLE name=\"pos\"><FIELD name=\"pos_id\" datatype=\"int\"/>"
                + "<FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra\"/>"
                + "<FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec\"/><DATA><TABLEDATA>\n");
        for (int i = 0; i < n; i++) {
            double ra;
            double dec;
            if (known && i < n / 2) {
                long k = (i * 7919L) % t.rows();
                ra = cat.ra(k);
                dec = Math.max(-90, Math.min(90, cat.dec(k) + 1 / 3600.0));
            } else {
                ra = other.ra(i);
                dec = other.dec(i);
            }
            sb.append(String.format(Locale.ROOT, "<TR><TD>%d</TD><TD>%.8f</TD><TD>%.8f</TD></TR>\n", i, ra, dec));
        }
        sb.append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Sample expectRows(Sample s, long n) throws BenchException {
        if (s.rows() >= 0 && s.rows() != n) {
            throw new BenchException("expected " + n + " rows, got " + s.rows());
        }
        return s;
    }

    interface ActionFactory {
        BenchCase.Action action(Target.TableRef t) throws IOException;
    }

    private List<BenchCase> perTable(String scenario, String label, ActionFactory f) {
        List<BenchCase> out = new ArrayList<>();
        for (Target.TableRef t : target.tables()) {
            try {
                out.add(new BenchCase(scenario, label, t.name(), t.rows(), null, f.action(t), options.warmups(),
                        options.reps()));
            } catch (IOException e) {
                out.add(BenchCase.unavailable(scenario, label, e.getMessage()));
            }
        }
        return out;
    }
}
