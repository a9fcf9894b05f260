package meridian.adql;

import adql.parser.feature.FeatureSet;
import adql.parser.feature.LanguageFeature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optional ADQL language features Meridian implements, and only those: the parser rejects
 * every other optional feature with an "unsupported" error, and the TAP capabilities declare
 * exactly this list. Each is covered by a test running it on Derby.
 *
 * <p>Declared: geometry ({@code POINT, CIRCLE, BOX, POLYGON, REGION, CENTROID, AREA, COORD1,
 * COORD2, COORDSYS, DISTANCE, CONTAINS, INTERSECTS}), strings ({@code LOWER, UPPER, ILIKE}),
 * the user-defined functions of {@link AdqlFunctions},
 * sets ({@code UNION, EXCEPT, INTERSECT}), {@code CAST}, {@code COALESCE}, {@code IN_UNIT},
 * {@code OFFSET} and {@code WITH}. Not declared: the region operators {@code UNION} and
 * {@code INTERSECT} of the geometry type (no region algebra on STC-S text). Type URIs are ADQLlib's, i.e. TAPRegExt's {@code #features-adqlgeo} and ADQL 2.1's
 * {@code #features-adql-*}.
 */
public final class AdqlFeatures {

    /** One declared feature, as TAPRegExt {@code languageFeatures/feature} writes it. */
    public record Feature(String type, String form, String description) {
    }

    private static final Map<String, Set<String>> SUPPORTED = new LinkedHashMap<>();

    static {
        SUPPORTED.put(LanguageFeature.TYPE_ADQL_GEO, Set.of("POINT", "CIRCLE", "BOX", "POLYGON", "REGION",
                "CENTROID", "AREA", "COORD1", "COORD2", "COORDSYS", "DISTANCE", "CONTAINS", "INTERSECTS"));
        SUPPORTED.put(LanguageFeature.TYPE_ADQL_STRING, Set.of("LOWER", "UPPER", "ILIKE"));
        SUPPORTED.put(LanguageFeature.TYPE_ADQL_SETS, Set.of("UNION", "EXCEPT", "INTERSECT"));
        SUPPORTED.put(LanguageFeature.TYPE_ADQL_TYPE, Set.of("CAST"));
        SUPPORTED.put(LanguageFeature.TYPE_ADQL_CONDITIONAL, Set.of("COALESCE"));
        SUPPORTED.put(LanguageFeature.TYPE_ADQL_UNIT, Set.of("IN_UNIT"));
        SUPPORTED.put(LanguageFeature.TYPE_ADQL_OFFSET, Set.of("OFFSET"));
        SUPPORTED.put(LanguageFeature.TYPE_ADQL_COMMON_TABLE, Set.of("WITH"));
    }

    private AdqlFeatures() {
    }

    private static boolean supported(LanguageFeature f) {
        Set<String> forms = SUPPORTED.get(f.type);
        return forms != null && forms.contains(f.form.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * @return a new parser feature set accepting exactly the declared features (FeatureSet is mutable)
     */
    public static FeatureSet featureSet() {
        FeatureSet set = new FeatureSet(false);
        for (Iterator<LanguageFeature> it = FeatureSet.getAvailableFeatures(); it.hasNext(); ) {
            LanguageFeature f = it.next();
            if (supported(f)) {
                set.support(f);
            }
        }
        for (adql.db.FunctionDef udf : AdqlFunctions.definitions()) {
            set.support(udf.toLanguageFeature());
        }
        return set;
    }

    /**
     * @return the declared features, grouped by type in a stable order, for the capabilities document
     */
    public static List<Feature> declared() {
        List<Feature> out = new ArrayList<>();
        for (String type : SUPPORTED.keySet()) {
            for (Iterator<LanguageFeature> it = FeatureSet.getAvailableFeatures(); it.hasNext(); ) {
                LanguageFeature f = it.next();
                if (f.type.equals(type) && supported(f)) {
                    out.add(new Feature(f.type, f.form, f.description));
                }
            }
        }
        out.addAll(AdqlFunctions.features());
        return out;
    }
}
