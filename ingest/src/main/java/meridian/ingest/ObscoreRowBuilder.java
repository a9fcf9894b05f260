package meridian.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meridian.ingest.fits.CelestialWcs;
import meridian.ingest.fits.LoadException;
import meridian.ingest.fits.ProductDraft;
import meridian.ingest.mapping.FieldRule;
import meridian.sql.archive.ObscoreTable;
import meridian.sql.model.Column;
import meridian.sql.model.Datatype;

/**
 * Turns a loader's {@link ProductDraft} into a complete {@code ivoa.obscore} row, in this order
 * (later steps win): what the file gives, the collection's declared metadata, the mapping rules,
 * then the values the ingestor owns (identifiers, access, rights) and derived ones (t_max from
 * the exposure, a circular s_region for spectra). Rights: the first matching {@code rights.rules}
 * entry, then mapped header values, then the collection's {@code rights}; the product's own
 * groups go to the hidden column {@link ObscoreTable#GROUPS}. Every value is typed for its column here, so a
 * dry run finds the same errors a real run does. Thread-safe.
 */
final class ObscoreRowBuilder {

    private static final Map<String, Column> COLUMNS = new LinkedHashMap<>();

    static {
        for (Column c : ObscoreTable.table().columns()) {
            COLUMNS.put(c.name(), c);
        }
    }

    private static final Set<String> DATA_RIGHTS = Set.of("public", "secure", "proprietary");

    private final CollectionDefinition def;
    private final IngestSettings settings;

    /** How units from keyword comments were used, for the ingest report (one line per rule). */
    private final java.util.Set<String> unitNotes = new java.util.concurrent.ConcurrentSkipListSet<>();

    ObscoreRowBuilder(CollectionDefinition def, IngestSettings settings) {
        this.def = def;
        this.settings = settings;
    }

    /**
     * The row of {@code draft}.
     *
     * @param fileStem  science file name without extension (the default obs_id)
     * @param accessUrl access URL of the science file
     * @param sizeBytes size of the science file
     * @throws LoadException when a required value is missing, a value has the wrong type or the
     *                       obs_id does not match the collection's pattern
     */
    Map<String, Object> build(ProductDraft draft, String fileStem, String accessUrl, long sizeBytes)
            throws LoadException {
        Map<String, Object> v = new LinkedHashMap<>(draft.values());
        String dpType = def.loader().dataproductType();
        v.put("dataproduct_type", dpType);
        v.put("calib_level", def.calibLevel());
        if (def.facility() != null) {
            v.put("facility_name", def.facility());
        }
        if (!v.containsKey("instrument_name") && !def.instruments().isEmpty()) {
            v.put("instrument_name", def.instruments().get(0));
        }
        putIfAbsent(v, "dataproduct_subtype", def.dataproductSubtype());
        if ("spectrum".equals(dpType)) {
            putIfAbsent(v, "s_fov", aperture(draft));
            putIfAbsent(v, "s_fov", def.fov());
            putIfAbsent(v, "o_ucd", "phot.flux.density;em.wl");
        } else {
            putIfAbsent(v, "o_ucd", "phot.flux.density");
        }
        for (String k : def.requiredKeywords()) {
            if (!draft.keywords().has(k)) {
                throw new LoadException("missing required keyword " + k);
            }
        }
        for (Map.Entry<String, FieldRule> e : def.mapping().entrySet()) {
            Column c = COLUMNS.get(e.getKey());
            Object value;
            try {
                value = e.getValue().evaluate(draft.keywords(), c.unit());
                String fromComment = c.unit() == null ? null : e.getValue().commentUnit(draft.keywords());
                if (fromComment != null && value != null && !fromComment.equalsIgnoreCase(c.unit())) {
                    unitNotes.add("mapping." + e.getKey() + ": " + e.getValue().describeSource() + " read in ["
                            + fromComment + "] (its comment's unit), stored in " + c.unit());
                }
            } catch (IllegalArgumentException ex) {
                throw new LoadException("mapping." + e.getKey() + ": " + ex.getMessage(), ex);
            }
            if (value != null) {
                v.put(e.getKey(), value);
            } else if (e.getValue().required()) {
                throw new LoadException("missing required " + e.getValue().describeSource() + " for " + e.getKey());
            }
        }
        Object base = v.get("obs_id");
        String obsId = (base == null ? fileStem : text(base)) + draft.suffix();
        if (!def.obsIdPattern().matcher(obsId).matches()) {
            throw new LoadException("obs_id '" + obsId + "' does not match obs_id_pattern '"
                    + def.obsIdPattern().pattern() + "'");
        }
        v.put("obs_id", obsId);
        Object target = v.get("target_name");
        if (target != null) {
            String t = text(target);
            v.put("target_name", def.canonicalTarget(t).orElse(t));
        }
        v.put("obs_collection", def.name());
        v.put("obs_publisher_did", publisherDid(settings.authority(), def.name(), obsId));
        v.put("publisher_id", "ivo://" + settings.authority());
        if (def.access().datalink()) {
            // the links document lists the science file and everything else (product_files)
            v.put("access_url", settings.accessUrlBase() + "/datalink/links?ID="
                    + java.net.URLEncoder.encode((String) v.get("obs_publisher_did"),
                    java.nio.charset.StandardCharsets.UTF_8));
            v.put("access_format", CollectionDefinition.Access.DATALINK_FORMAT);
        } else {
            v.put("access_url", accessUrl);
            putIfAbsent(v, "access_format", def.access().format());
        }
        v.put("access_estsize", (sizeBytes + 1023) / 1024);
        CollectionDefinition.RightsRule rule = def.rights().ruleFor(draft.keywords()).orElse(null);
        if (rule != null && rule.dataRights() != null) {
            v.put("data_rights", rule.dataRights());
        }
        putIfAbsent(v, "data_rights", def.rights().dataRights());
        if (!DATA_RIGHTS.contains(text(v.get("data_rights")))) {
            throw new LoadException("data_rights: '" + v.get("data_rights") + "' is not public, secure or proprietary"
                    + " (mapping.data_rights can translate header values with values: {...})");
        }
        putIfAbsent(v, "em_ucd", v.containsKey("em_min") ? "em.wl" : null);
        putIfAbsent(v, "em_unit", v.containsKey("em_min") ? "m" : null);
        derive(v, rule);
        Map<String, Object> row = typed(v);
        String groups = groups(draft, rule);
        if (groups != null) {
            row.put(ObscoreTable.GROUPS, groups);
        }
        return row;
    }

    /**
     * The product's own groups ({@link ObscoreTable#groupsValue}): its rule's groups instead of
     * the collection's, plus the groups its header names ({@code rights.groups_header}: values
     * separated by commas or spaces, each character outside letters, digits, {@code _ . -} replaced
     * by {@code _}).
     */
    private String groups(ProductDraft draft, CollectionDefinition.RightsRule rule) throws LoadException {
        List<String> groups = new ArrayList<>();
        boolean withCollection = rule == null || rule.groups() == null;
        if (!withCollection) {
            groups.addAll(rule.groups());
        }
        FieldRule header = def.rights().groupsHeader();
        if (header != null) {
            Object value;
            try {
                value = header.evaluate(draft.keywords(), null);
            } catch (IllegalArgumentException ex) {
                throw new LoadException("rights.groups_header: " + ex.getMessage(), ex);
            }
            if (value == null && header.required()) {
                throw new LoadException("missing required " + header.describeSource() + " for rights.groups_header");
            }
            if (value != null) {
                for (String g : text(value).trim().split("[,\\s]+")) {
                    if (g.isEmpty()) {
                        continue;
                    }
                    String name = g.replaceAll("[^A-Za-z0-9_.-]", "_");
                    if (name.length() > 64) {
                        throw new LoadException("rights.groups_header: '" + g + "' is longer than a group name"
                                + " (64 characters)");
                    }
                    groups.add(name);
                }
            }
        }
        return ObscoreTable.groupsValue(withCollection, groups);
    }

    /** {@code ivo://<authority>/<collection>?<obs_id>}. */
    static String publisherDid(String authority, String collection, String obsId) {
        return "ivo://" + authority + "/" + collection + "?" + obsId;
    }

    /**
     * The field of view of a spectrum from its {@code APERTURE} keyword: in the unit its comment
     * gives ({@code [arcsec]}), else in degrees, the unit of {@code s_fov}.
     */
    private Double aperture(ProductDraft draft) throws LoadException {
        Double a = draft.keywords().number("APERTURE");
        String unit = a == null ? null : draft.keywords().commentUnit("APERTURE");
        if (unit == null) {
            return a;
        }
        try {
            double deg = FieldRule.convertFromComment(a, unit, "deg", "APERTURE");
            if (!unit.equalsIgnoreCase("deg")) {
                unitNotes.add("s_fov: keyword APERTURE read in [" + unit + "] (its comment's unit), stored in deg");
            }
            return deg;
        } catch (IllegalArgumentException ex) {
            throw new LoadException("s_fov: " + ex.getMessage(), ex);
        }
    }

    /** What the rows built so far took from units in keyword comments, one line per column. */
    List<String> unitNotes() {
        return List.copyOf(unitNotes);
    }

    private void derive(Map<String, Object> v, CollectionDefinition.RightsRule rule) throws LoadException {
        Double tmin = number(v, "t_min");
        Double exp = number(v, "t_exptime");
        if (tmin != null && v.get("t_max") == null && exp != null) {
            v.put("t_max", tmin + exp / 86400);
        }
        Double ra = number(v, "s_ra");
        Double dec = number(v, "s_dec");
        if (ra != null && (ra < 0 || ra >= 360)) {
            // 360.0 or -0.5 are positions written loosely, not errors
            ra = ((ra % 360) + 360) % 360;
            v.put("s_ra", ra);
        }
        if (dec != null && (dec < -90 || dec > 90)) {
            throw new LoadException("s_dec " + dec + " is outside [-90, 90]");
        }
        Double fov = number(v, "s_fov");
        if (v.get("s_region") == null && ra != null && dec != null && fov != null && fov > 0) {
            v.put("s_region", "Circle ICRS " + CelestialWcs.fmt(ra) + " " + CelestialWcs.fmt(dec) + " "
                    + CelestialWcs.fmt(fov / 2));
        }
        Double emin = number(v, "em_min");
        Double emax = number(v, "em_max");
        if (emin != null && emax != null && emin > emax) {
            throw new LoadException("em_min " + emin + " m is larger than em_max " + emax + " m");
        }
        // a matching rule's release wins over the header's (mapping) and the collection's;
        // a rule making a product public without a date of its own releases it at once
        if (rule != null && rule.setsRelease()) {
            v.remove("obs_release_date");
            releaseDate(v, rule.releaseDate(), rule.releaseDelayDays());
        } else if (rule != null && "public".equals(rule.dataRights())) {
            v.remove("obs_release_date");
        } else if (v.get("obs_release_date") == null) {
            releaseDate(v, def.rights().releaseDate(), def.rights().releaseDelayDays());
        }
        if (v.get("obs_title") == null) {
            Object t = v.get("target_name");
            Object i = v.get("instrument_name");
            v.put("obs_title", (t == null ? "" : text(t) + " ") + v.get("dataproduct_type")
                    + (i == null ? "" : " (" + text(i) + ")"));
        }
    }

    private static void releaseDate(Map<String, Object> v, LocalDate date, Integer delayDays) {
        if (date != null) {
            v.put("obs_release_date", date.atStartOfDay().toInstant(ZoneOffset.UTC));
        } else if (delayDays != null && number(v, "t_max") != null) {
            v.put("obs_release_date", FieldRule.mjdToInstant(number(v, "t_max"))
                    .plus(delayDays, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
        }
    }

    private static Map<String, Object> typed(Map<String, Object> v) throws LoadException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : v.entrySet()) {
            Column c = COLUMNS.get(e.getKey());
            if (c == null || e.getValue() == null) {
                continue;
            }
            out.put(c.name(), coerce(c, e.getValue()));
        }
        return out;
    }

    private static Object coerce(Column c, Object value) throws LoadException {
        if ("timestamp".equals(c.xtype())) {
            if (value instanceof Instant) {
                return value;
            }
            if (value instanceof Number n) {
                return FieldRule.mjdToInstant(n.doubleValue());
            }
            Instant t = FieldRule.parseInstant(value.toString());
            if (t == null) {
                throw new LoadException(c.name() + ": '" + value + "' is not a date");
            }
            return t;
        }
        if (c.datatype() == Datatype.CHAR || c.datatype() == Datatype.UNICODE_CHAR) {
            return text(value);
        }
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new LoadException(c.name() + ": '" + value + "' is not a number");
            }
        }
        if (!Double.isFinite(d)) {
            return null;
        }
        return switch (c.datatype()) {
            case LONG -> Math.round(d);
            case INT, SHORT -> (int) Math.round(d);
            default -> d;
        };
    }

    private static Double number(Map<String, Object> v, String key) {
        Object o = v.get(key);
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Text of a value; whole numbers without a trailing ".0" (a numeric PROG_ID stays "60123"). */
    private static String text(Object o) {
        if (o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return o.toString();
    }

    private static void putIfAbsent(Map<String, Object> v, String key, Object value) {
        if (value != null && v.get(key) == null) {
            v.put(key, value);
        }
    }
}
