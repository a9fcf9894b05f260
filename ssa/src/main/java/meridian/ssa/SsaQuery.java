package meridian.ssa;

import static meridian.ssa.AdqlLiterals.number;
import static meridian.ssa.AdqlLiterals.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the ADQL query of an SSA request over the spectra in {@code ivoa.obscore}
 * ({@code dataproduct_type = 'spectrum'}). Only typed values reach the text, through
 * {@link AdqlLiterals}; the server plans it with the TAP translator, which turns the
 * {@code CONTAINS(POINT, CIRCLE)} of POS/SIZE into the backend's index pre-filter.
 *
 * <p>REDSHIFT, BANDREST, SNR, FLUXCALIB and WAVECALIB need columns that ObsCore does not define;
 * they work when {@code ivoa.obscore} has the optional columns {@link #REDSHIFT} ({@code
 * redshift}), {@link #SNR}, {@link #FLUX_CALIB} and {@link #WAVE_CALIB}, and are refused with a
 * clear message otherwise.
 */
public final class SsaQuery {

    /** The access reference field: the publisher DID when the spectra are asked for simplified. */
    public static final String ACCESS_REFERENCE = "ssa_access";
    /** Optional ObsCore column: source redshift (used by REDSHIFT and BANDREST). */
    public static final String REDSHIFT = "redshift";
    /** Optional ObsCore column: signal-to-noise ratio. */
    public static final String SNR = "snr";
    /** Optional ObsCore column: flux calibration (absolute, relative, normalized). */
    public static final String FLUX_CALIB = "flux_calib";
    /** Optional ObsCore column: wavelength calibration (absolute, relative). */
    public static final String WAVE_CALIB = "wave_calib";

    private SsaQuery() {
    }

    /**
     * The ADQL text.
     *
     * @param p              checked parameters
     * @param targetNames    the stored target names TARGETNAME resolved to (ignored without TARGETNAME)
     * @param obscoreColumns the column names of {@code ivoa.obscore}, to know the optional ones
     * @param fields         the response's columns ({@link SsaFields#of})
     * @throws SsaException when a parameter needs a column this archive does not have
     */
    public static String adql(SsaParameters p, Set<String> targetNames, Set<String> obscoreColumns,
                              List<SsaFields.Field> fields) {
        List<String> where = new ArrayList<>();
        where.add("dataproduct_type = 'spectrum'");
        p.cone().ifPresent(c -> where.add("CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', " + number(c.ra())
                + ", " + number(c.dec()) + ", " + number(c.radius()) + ")) = 1"));
        anyOf(where, p.bands(), r -> overlap("em_min", "em_max", r));
        if (!p.restBands().isEmpty()) {
            require(obscoreColumns, REDSHIFT, "BANDREST");
            // rest wavelength = observed / (1 + z): compare observed bounds with the band scaled by (1 + z)
            anyOf(where, p.restBands(), SsaQuery::restOverlap);
        }
        p.time().ifPresent(t -> where.add(overlap("t_min", "t_max", t.mjd())));
        String formats = p.format().condition();
        if (formats != null) {
            where.add(formats);
        }
        if (p.targetName().isPresent()) {
            where.add(targetNames.isEmpty() ? "1 = 0" : "target_name IN ("
                    + targetNames.stream().map(AdqlLiterals::string).collect(Collectors.joining(", ")) + ")");
        }
        if (!p.targetClasses().isEmpty()) {
            where.add("LOWER(target_class) IN (" + p.targetClasses().stream()
                    .map(s -> string(s.toLowerCase(java.util.Locale.ROOT))).collect(Collectors.joining(", ")) + ")");
        }
        if (!p.collections().isEmpty()) {
            where.add("obs_collection IN (" + p.collections().stream().map(AdqlLiterals::string)
                    .collect(Collectors.joining(", ")) + ")");
        }
        p.pubDid().ifPresent(d -> where.add("obs_publisher_did = " + string(d)));
        p.creatorDid().ifPresent(d -> where.add("obs_creator_did = " + string(d)));
        p.redshift().ifPresent(r -> {
            require(obscoreColumns, REDSHIFT, "REDSHIFT");
            where.add(between(REDSHIFT, r));
        });
        p.specRp().ifPresent(v -> where.add("em_res_power >= " + number(v)));
        p.spatRes().ifPresent(v -> where.add("s_resolution <= " + number(v * 3600)));
        p.timeRes().ifPresent(v -> where.add("t_resolution <= " + number(v)));
        p.snr().ifPresent(v -> {
            require(obscoreColumns, SNR, "SNR");
            where.add(SNR + " >= " + number(v));
        });
        p.fluxCalib().ifPresent(v -> {
            require(obscoreColumns, FLUX_CALIB, "FLUXCALIB");
            where.add("LOWER(" + FLUX_CALIB + ") = " + string(v));
        });
        p.waveCalib().ifPresent(v -> {
            require(obscoreColumns, WAVE_CALIB, "WAVECALIB");
            where.add("LOWER(" + WAVE_CALIB + ") = " + string(v));
        });
        p.mtime().ifPresent(t -> {
            if (t.start() != null) {
                where.add("obs_creation_date >= " + string(timestamp(t.start())));
            }
            if (t.end() != null) {
                where.add("obs_creation_date <= " + string(timestamp(t.end())));
            }
        });
        String select = fields.stream().map(f -> expression(f, p.format()) + " AS " + f.name())
                .collect(Collectors.joining(", "));
        return "SELECT " + select + " FROM ivoa.obscore WHERE " + String.join(" AND ", where)
                + " ORDER BY obs_publisher_did";
    }

    /**
     * A field's select expression. Spectra asked for as {@link DatasetFormat#SIMPLIFIED} have that
     * format, an estimated size (a double per point and the header) and, as access reference, their
     * publisher DID, which the server turns into the URL of the conversion.
     */
    private static String expression(SsaFields.Field f, DatasetFormat format) {
        if (format.simplified()) {
            switch (f.name()) {
                case ACCESS_REFERENCE:
                    return "obs_publisher_did";
                case "ssa_format":
                    return string(DatasetFormat.SIMPLIFIED);
                case "ssa_size":
                    return "em_xel * 8 + 8640";
                default:
                    break;
            }
        }
        return f.adql();
    }

    private static void require(Set<String> columns, String column, String parameter) {
        if (!columns.contains(column)) {
            throw new SsaException(parameter + " is not supported by this archive: ivoa.obscore has no " + column
                    + " column (it is not part of ObsCore 1.1)");
        }
    }

    private static void anyOf(List<String> where, List<Range> ranges, Function<Range, String> condition) {
        if (ranges.isEmpty()) {
            return;
        }
        List<String> ors = ranges.stream().map(condition).toList();
        where.add(ors.size() == 1 ? ors.get(0) : "(" + String.join(" OR ", ors) + ")");
    }

    /** A dataset covering [min, max] overlaps the range (a single value: contains it). */
    private static String overlap(String min, String max, Range r) {
        List<String> c = new ArrayList<>();
        if (r.lo() != null) {
            c.add(max + " >= " + number(r.lo()));
        }
        if (r.hi() != null) {
            c.add(min + " <= " + number(r.hi()));
        }
        return "(" + String.join(" AND ", c) + ")";
    }

    private static String restOverlap(Range r) {
        List<String> c = new ArrayList<>();
        if (r.lo() != null) {
            c.add("em_max >= " + number(r.lo()) + " * (1 + " + REDSHIFT + ")");
        }
        if (r.hi() != null) {
            c.add("em_min <= " + number(r.hi()) + " * (1 + " + REDSHIFT + ")");
        }
        return "(" + String.join(" AND ", c) + ")";
    }

    private static String between(String column, Range r) {
        List<String> c = new ArrayList<>();
        if (r.lo() != null) {
            c.add(column + " >= " + number(r.lo()));
        }
        if (r.hi() != null) {
            c.add(column + " <= " + number(r.hi()));
        }
        return "(" + String.join(" AND ", c) + ")";
    }

    private static String timestamp(java.time.Instant t) {
        return java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
    }
}
