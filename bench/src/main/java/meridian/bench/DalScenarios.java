package meridian.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SSA, DataLink and SODA scenarios: {@code ssa} (a POS query), {@code datalink} (links of 1
 * and of 1,000 IDs) and {@code soda} (a spectral cutout). They need the endpoint (a 404 means
 * "not available": these services land after TAP) and spectra in {@code ivoa.obscore}, found
 * with a TAP query so the same code works on other services.
 */
final class DalScenarios {

    private final Target target;
    private final HttpDriver http;
    private final BenchOptions options;
    private List<Object[]> spectra;

    DalScenarios(Target target, HttpDriver http, BenchOptions options) {
        this.target = target;
        this.http = http;
        this.options = options;
    }

    /** Why the endpoint cannot be used, or null when it answers. */
    private String missing(String url, String probeQuery) {
        if (url == null || url.isBlank()) {
            return "no URL configured";
        }
        try {
            HttpResult r = http.get(url + "?" + probeQuery, options.timeout(), true);
            return r.status() == 404 ? "endpoint " + url + " not found (HTTP 404)" : null;
        } catch (Exception e) {
            return "endpoint " + url + " did not answer: " + e.getMessage();
        }
    }

    /** Up to 1,000 spectra of ivoa.obscore: publisher DID, s_ra, s_dec, em_min, em_max. */
    private List<Object[]> spectra() {
        if (spectra == null) {
            try {
                String adql = "SELECT TOP 1000 obs_publisher_did, s_ra, s_dec, em_min, em_max FROM ivoa.obscore"
                        + " WHERE dataproduct_type = 'spectrum' ORDER BY obs_publisher_did";
                Map<String, String> p = Map.of("LANG", "ADQL", "QUERY", adql, "MAXREC", "1000");
                HttpResult r = http.postForm(target.tapUrl() + "/sync", new ArrayList<>(p.entrySet()),
                        options.timeout(), true);
                long[] n = new long[1];
                spectra = r.error().isPresent() ? List.of() : VoTableRows.read(r.body(), 1000, n);
            } catch (Exception e) {
                spectra = List.of();
            }
        }
        return spectra;
    }

    List<BenchCase> ssa() {
        String why = missing(target.ssaUrl(), "REQUEST=queryData&FORMAT=METADATA");
        if (why == null && spectra().isEmpty()) {
            why = "no spectra in ivoa.obscore (run the ingest scenario first)";
        }
        if (why != null) {
            return List.of(BenchCase.unavailable("ssa", "POS SIZE=1deg", why));
        }
        Object[] first = spectra().get(0);
        String pos = String.format(Locale.ROOT, "%s,%s", first[1], first[2]);
        return List.of(new BenchCase("ssa", "POS SIZE=1deg", "ivoa.obscore", -1, null, (i, v) -> {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("REQUEST", "queryData");
            p.put("POS", pos);
            p.put("SIZE", "1");
            HttpResult r = http.get(HttpDriver.withParams(target.ssaUrl(), p), options.timeout(), true);
            if (r.error().isPresent()) {
                throw new BenchException(r.error().get());
            }
            return new Sample(r.seconds(), VoTableRows.count(r.body()), r.bytes());
        }, options.warmups(), options.reps()));
    }

    List<BenchCase> datalink() {
        String why = missing(target.datalinkUrl(), "ID=ivo%3A%2F%2Fmeridian.bench%2Fprobe");
        if (why == null && spectra().isEmpty()) {
            why = "no products in ivoa.obscore (run the ingest scenario first)";
        }
        if (why != null) {
            return List.of(BenchCase.unavailable("datalink", "links", why));
        }
        List<BenchCase> out = new ArrayList<>();
        for (int n : new int[] {1, 1000}) {
            List<Map.Entry<String, String>> ids = new ArrayList<>();
            for (Object[] row : spectra().subList(0, Math.min(n, spectra().size()))) {
                ids.add(Map.entry("ID", String.valueOf(row[0])));
            }
            out.add(new BenchCase("datalink", "links of " + ids.size() + " ID" + (ids.size() == 1 ? "" : "s"),
                    "ivoa.obscore", -1, null, (i, v) -> {
                        HttpResult r = http.postForm(target.datalinkUrl(), ids, options.timeout(), true);
                        if (r.status() != 200) {
                            throw new BenchException(r.error().orElse("HTTP " + r.status()));
                        }
                        return new Sample(r.seconds(), VoTableRows.count(r.body()), r.bytes());
                    }, options.warmups(), options.reps()));
        }
        return out;
    }

    List<BenchCase> soda() {
        String why = missing(target.sodaUrl(), "ID=ivo%3A%2F%2Fmeridian.bench%2Fprobe");
        Object[] spectrum = why == null ? spectra().stream().filter(r -> r[3] instanceof Number && r[4] instanceof Number)
                .findFirst().orElse(null) : null;
        if (why == null && spectrum == null) {
            why = "no spectrum with em_min/em_max in ivoa.obscore (run the ingest scenario first)";
        }
        if (why != null) {
            return List.of(BenchCase.unavailable("soda", "BAND cutout", why));
        }
        double lo = ((Number) spectrum[3]).doubleValue();
        double hi = ((Number) spectrum[4]).doubleValue();
        String band = String.format(Locale.ROOT, "%.6e %.6e", lo + (hi - lo) / 4, hi - (hi - lo) / 4);
        String id = String.valueOf(spectrum[0]);
        return List.of(new BenchCase("soda", "BAND middle half", "ivoa.obscore", -1, null, (i, v) -> {
            HttpResult r = http.get(HttpDriver.withParams(target.sodaUrl(), Map.of("ID", id, "BAND", band)),
                    options.timeout(), false);
            if (r.status() != 200) {
                throw new BenchException("HTTP " + r.status() + " " + r.tail());
            }
            return new Sample(r.seconds(), -1, r.bytes());
        }, options.warmups(), options.reps()));
    }
}
