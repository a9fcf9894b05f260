package meridian.adql;

import adql.parser.ADQLParser;
import java.util.Locale;

/** The ADQL versions Meridian accepts, as TAP's LANG parameter names them. */
public enum AdqlVersion {
    /** ADQL 2.0 (REC 2008), {@code LANG=ADQL-2.0}. */
    V2_0("ADQL-2.0", "ivo://ivoa.net/std/ADQL#v2.0", ADQLParser.ADQLVersion.V2_0),
    /** ADQL 2.1 (REC 2023), {@code LANG=ADQL-2.1} and plain {@code LANG=ADQL}. */
    V2_1("ADQL-2.1", "ivo://ivoa.net/std/ADQL#v2.1", ADQLParser.ADQLVersion.V2_1);

    private final String lang;
    private final String ivoid;
    private final ADQLParser.ADQLVersion parserVersion;

    AdqlVersion(String lang, String ivoid, ADQLParser.ADQLVersion parserVersion) {
        this.lang = lang;
        this.ivoid = ivoid;
        this.parserVersion = parserVersion;
    }

    /**
     * @return the LANG value naming exactly this version
     */
    public String lang() {
        return lang;
    }

    /**
     * @return the version's IVOA identifier, as TAPRegExt {@code language/version/@ivo-id} wants it
     */
    public String ivoid() {
        return ivoid;
    }

    /**
     * @return the version number alone ({@code 2.0})
     */
    public String number() {
        return lang.substring("ADQL-".length());
    }

    ADQLParser.ADQLVersion parserVersion() {
        return parserVersion;
    }

    /**
     * The version a TAP LANG value asks for, case-insensitively: {@code ADQL} (the newest, 2.1,
     * which reads every 2.0 query that does not use its new reserved words), {@code ADQL-2.0},
     * {@code ADQL-2.1}.
     *
     * @param lang the LANG parameter value
     * @return the version to parse with
     * @throws AdqlException naming the accepted values when {@code lang} is none of them
     */
    public static AdqlVersion fromLang(String lang) throws AdqlException {
        String l = lang == null ? "" : lang.trim().toUpperCase(Locale.ROOT);
        return switch (l) {
            case "ADQL", "ADQL-2.1" -> V2_1;
            case "ADQL-2.0" -> V2_0;
            default -> throw new AdqlException("Unsupported query language '" + lang
                    + "': use ADQL, ADQL-2.0 or ADQL-2.1.");
        };
    }
}
