package meridian.adql;

import adql.db.FunctionDef;
import adql.parser.feature.LanguageFeature;
import adql.parser.grammar.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ADQL user-defined functions Meridian offers: the {@code ivo_} functions that DaCHS and the
 * CDS library made common, with the same signatures and meaning. Each translates to a function
 * of the same name in schema {@code MERIDIAN} that both backends define with the same results
 * (Derby: {@code meridian.sql.geom.UserFunctions}; PostgreSQL: {@code postgresql-functions.sql}),
 * so one translation pattern serves both dialects. The checker accepts exactly these; the TAP
 * capabilities declare them ({@code #features-udf}) with their descriptions.
 */
public final class AdqlFunctions {

    /** TAPRegExt's feature type of user-defined functions. */
    public static final String UDF_TYPE = LanguageFeature.TYPE_UDF;

    /** A function: its TAPRegExt signature, what it does, and the SQL it becomes. */
    private record Udf(String signature, String description, String sql) {
    }

    private static final List<Udf> UDFS = List.of(
            new Udf("ivo_nocasematch(value VARCHAR, pattern VARCHAR) -> INTEGER",
                    "1 if value matches the LIKE pattern (% any text, _ one character) without regard to case,"
                            + " else 0: the ILIKE of ADQL 2.0.",
                    "\"MERIDIAN\".\"IVO_NOCASEMATCH\"($1, $2)"),
            new Udf("ivo_hasword(haystack VARCHAR, needle VARCHAR) -> INTEGER",
                    "1 if the words of needle occur in haystack as consecutive whole words, without regard to"
                            + " case, else 0. Words are runs of the letters a-z and digits.",
                    "\"MERIDIAN\".\"IVO_HASWORD\"($1, $2)"),
            new Udf("ivo_hashlist_has(hashlist VARCHAR, item VARCHAR) -> INTEGER",
                    "1 if item is one of the words of hashlist (words joined by #), compared without regard to"
                            + " case, else 0.",
                    "\"MERIDIAN\".\"IVO_HASHLIST_HAS\"($1, $2)"),
            new Udf("ivo_interval_overlaps(l1 DOUBLE, h1 DOUBLE, l2 DOUBLE, h2 DOUBLE) -> INTEGER",
                    "1 if the interval [l1, h1] overlaps [l2, h2] (touching ends count), 0 otherwise or when an"
                            + " interval is inverted.",
                    "\"MERIDIAN\".\"IVO_INTERVAL_OVERLAPS\"($1, $2, $3, $4)"),
            new Udf("ivo_healpix_index(hpxOrder INTEGER, ra DOUBLE, dec DOUBLE) -> BIGINT",
                    "The NESTED HEALPix index at order hpxOrder (0 to 29) of the position ra, dec (ICRS, degrees).",
                    "\"MERIDIAN\".\"IVO_HEALPIX_INDEX\"($1, $2, $3)"),
            new Udf("ivo_healpix_center(hpxOrder INTEGER, hpxIndex BIGINT) -> POINT",
                    "The centre of the NESTED HEALPix pixel hpxIndex at order hpxOrder, as an ICRS point.",
                    "\"MERIDIAN\".\"IVO_HEALPIX_CENTER\"($1, $2)"),
            new Udf("ivo_string_agg(expr VARCHAR, delim VARCHAR) -> VARCHAR",
                    "An aggregate function: the values of expr in a group (NULLs left out) joined by delim, in no"
                            + " particular order; NULL for a group without values.",
                    "\"MERIDIAN\".\"IVO_STRING_AGG\"(\"MERIDIAN\".\"IVO_STRING_AGG_ITEM\"($1, $2))"));

    private AdqlFunctions() {
    }

    /** The checker's definitions, each with its translation; new objects on each call (FunctionDef is mutable). */
    public static List<FunctionDef> definitions() {
        List<FunctionDef> out = new ArrayList<>();
        for (Udf u : UDFS) {
            try {
                FunctionDef def = FunctionDef.parse(u.signature());
                def.description = u.description();
                def.setTranslationPattern(u.sql());
                out.add(def);
            } catch (ParseException e) {
                throw new IllegalStateException("bad UDF signature " + u.signature(), e);
            }
        }
        return out;
    }

    /** The functions as TAPRegExt features: the signature as the form, the description. */
    static List<AdqlFeatures.Feature> features() {
        return UDFS.stream().map(u -> new AdqlFeatures.Feature(UDF_TYPE, u.signature(), u.description())).toList();
    }
}
