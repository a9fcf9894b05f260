package meridian.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import meridian.ingest.mapping.FieldRule;
import meridian.ingest.mapping.KeywordSource;

/**
 * One collection as {@code conf/collections/NAME.yaml} declares it (every key is documented in
 * {@code conf/collections/README.md}). Load it with {@link #load}; the result is validated and
 * immutable: unknown keys, missing required keys, bad regular expressions, unknown ObsCore
 * columns, units or categories are all reported when it loads, never half-way through an ingest.
 *
 * @param file            the YAML file it was read from
 * @param name            collection name ({@code obs_collection}), letters, digits, {@code _-.}
 * @param title           human-readable title
 * @param description     what the collection contains
 * @param facility        facility (telescope, observatory)
 * @param instruments     instrument names; the first is the default {@code instrument_name}
 * @param coordinateFrame frame of the positions (ICRS)
 * @param fov             approximate field of view in degrees (default {@code s_fov} of spectra)
 * @param obsIdPattern    regular expression every obs_id must match entirely
 * @param calibLevel      default {@code calib_level}
 * @param dataproductSubtype optional {@code dataproduct_subtype}
 * @param rights          data rights and release policy
 * @param root            directory the source globs and access paths are relative to, as written
 * @param sources         which files are science files
 * @param loader          which loader reads them
 * @param loaderOptions   loader options
 * @param mapping         keyword to ObsCore column rules, by column name
 * @param requiredKeywords keywords every science header must have
 * @param targetAliases   canonical target name to its aliases
 * @param ancillary       rules recognising ancillary files
 * @param previews        preview generation
 * @param access          access URL scheme and format
 */
public record CollectionDefinition(Path file, String name, String title, String description, String facility,
                                   List<String> instruments, String coordinateFrame, Double fov,
                                   Pattern obsIdPattern, int calibLevel, String dataproductSubtype,
                                   Rights rights, String root, List<Source> sources, LoaderKind loader,
                                   LoaderOptions loaderOptions, Map<String, FieldRule> mapping,
                                   List<String> requiredKeywords, Map<String, List<String>> targetAliases,
                                   List<AncillaryRule> ancillary, Previews previews, Access access) {

    /**
     * Reads and validates a collection definition.
     *
     * @throws CollectionDefinitionException when the file is not valid YAML or not a valid
     *                                       definition; the message names the file, the key and the reason
     * @throws IOException                   when the file cannot be read
     */
    public static CollectionDefinition load(Path yaml) throws IOException {
        return new DefinitionReader(yaml, java.nio.file.Files.readString(yaml)).read();
    }

    /**
     * Reads and validates a definition kept as text (the archive stores the text of each
     * published collection), as it was read from {@code origin}.
     *
     * @throws CollectionDefinitionException as {@link #load} does
     */
    public static CollectionDefinition parse(String yaml, Path origin) throws IOException {
        return new DefinitionReader(origin, yaml).read();
    }

    /**
     * Data rights and release policy: the collection's, and per product from {@code rules} and
     * {@code groupsHeader}, which the ingestor applies to each product (see
     * {@code conf/collections/README.md}).
     *
     * @param dataRights       {@code public}, {@code secure} or {@code proprietary}
     * @param releaseDelayDays proprietary period after the end of the observation, or null
     * @param releaseDate      a fixed release date for every product, or null
     * @param citation         how to cite the collection
     * @param groups           user groups that may read the products before their release (and
     *                         always, when {@code secure})
     * @param proprietary      what is withheld from everyone else before release:
     *                         {@link Proprietary#DATA} (rows visible, files refused) or
     *                         {@link Proprietary#METADATA} (the rows themselves hidden)
     * @param rules            per-product rights by header values ({@code rights.rules}), the first
     *                         matching rule applies
     * @param groupsHeader     where a product's own groups come from ({@code rights.groups_header}),
     *                         or null
     */
    public record Rights(String dataRights, Integer releaseDelayDays, LocalDate releaseDate, String citation,
                         List<String> groups, Proprietary proprietary, List<RightsRule> rules,
                         FieldRule groupsHeader) {
        public Rights {
            groups = groups == null ? List.of() : List.copyOf(groups);
            proprietary = proprietary == null ? Proprietary.DATA : proprietary;
            rules = rules == null ? List.of() : List.copyOf(rules);
        }

        /** Collection rights without per-product rules. */
        public Rights(String dataRights, Integer releaseDelayDays, LocalDate releaseDate, String citation,
                      List<String> groups, Proprietary proprietary) {
            this(dataRights, releaseDelayDays, releaseDate, citation, groups, proprietary, List.of(), null);
        }

        /** Public rights: everything visible to everyone. */
        public static Rights open() {
            return new Rights("public", null, null, null, List.of(), Proprietary.DATA);
        }

        /** True when products may have groups of their own (a rule with groups, or a groups header). */
        public boolean perProductGroups() {
            return groupsHeader != null || rules.stream().anyMatch(r -> r.groups() != null);
        }

        /** The first rule matching a product's keywords, if any. */
        public Optional<RightsRule> ruleFor(KeywordSource keywords) {
            return rules.stream().filter(r -> r.matches(keywords)).findFirst();
        }
    }

    /**
     * One of {@code rights.rules}: products whose keywords all match get these rights instead of
     * the collection's.
     *
     * @param match            keyword to a regular expression its whole value must match
     * @param dataRights       {@code public} (released at once unless the rule gives a date),
     *                         {@code secure} or {@code proprietary}, or null to keep the collection's
     * @param releaseDate      fixed release date, or null
     * @param releaseDelayDays release this many days after the end of the observation, or null
     * @param groups           the groups that may read matching products before release instead of
     *                         the collection's (empty: none), or null to keep the collection's
     */
    public record RightsRule(Map<String, Pattern> match, String dataRights, LocalDate releaseDate,
                             Integer releaseDelayDays, List<String> groups) {
        public RightsRule {
            match = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(match));
            groups = groups == null ? null : List.copyOf(groups);
        }

        /** True when every matched keyword is present and its whole value matches. */
        public boolean matches(KeywordSource keywords) {
            for (Map.Entry<String, Pattern> e : match.entrySet()) {
                String v = keywords.string(e.getKey());
                if (v == null || !e.getValue().matcher(v).matches()) {
                    return false;
                }
            }
            return true;
        }

        /** True when the rule sets a release date or delay of its own. */
        public boolean setsRelease() {
            return releaseDate != null || releaseDelayDays != null;
        }
    }

    /** What an unreleased product withholds from users outside its groups ({@code rights.proprietary}). */
    public enum Proprietary {
        /** The files (and cutouts, bundles) only; the metadata rows are public. */
        DATA,
        /** The metadata rows too: the product does not exist for anyone outside its groups. */
        METADATA
    }

    /**
     * A set of science files: a glob relative to the collection root, minus excluded globs.
     *
     * @param glob    e.g. {@code spectra/**}{@code /*.fits}
     * @param exclude globs of files that are never science files
     */
    public record Source(String glob, List<String> exclude) {
    }

    /**
     * Loader options (each loader reads the ones it understands).
     *
     * @param extensions   {@code all} (default: every HDU holding data is a product) or {@code first}
     * @param layout       spectrum-table layout: {@code auto}, {@code array} (array per row) or {@code columns}
     * @param waveColumn   spectrum-table wavelength column (default WAVE)
     * @param fluxColumn   spectrum-table flux column (default FLUX)
     * @param errorColumn  spectrum-table error column (default ERR), optional in the file
     * @param spectralUnit unit of the spectral axis when the file does not say (default Angstrom)
     * @param productSuffix obs_id suffix of the n-th spectrum of a multi-spectrum file ({@code {n}},
     *                      {@code {extname}} placeholders, default {@code _{n}})
     */
    public record LoaderOptions(String extensions, String layout, String waveColumn, String fluxColumn,
                                String errorColumn, String spectralUnit, String productSuffix) {

        /** The defaults. */
        public static LoaderOptions defaults() {
            return new LoaderOptions("all", "auto", "WAVE", "FLUX", "ERR", "Angstrom", "_{n}");
        }
    }

    /**
     * Recognises an ancillary file of a science file.
     *
     * @param match       file name pattern relative to the science file's directory; {@code {stem}}
     *                    is the science file name without {@code .fits}/{@code .fits.gz}, {@code {name}}
     *                    the full name; {@code *} and {@code ?} are wildcards
     * @param category    product_files category, e.g. {@code ANCILLARY.ERRORSPECTRUM}
     * @param contentType MIME type, or null to guess from the file extension
     */
    public record AncillaryRule(String match, String category, String contentType) {
    }

    /**
     * Preview generation.
     *
     * @param generate  write a PNG for products without an {@code ANCILLARY.PREVIEW} file
     * @param directory where generated previews go, relative to the collection root
     */
    public record Previews(boolean generate, String directory) {
    }

    /**
     * Access URL scheme.
     *
     * @param url    template of access URLs: {@code {base}} (the service's access URL base),
     *               {@code {collection}}, {@code {path}} (relative to the root, URL-encoded per segment)
     * @param format   {@code access_format} of science files
     * @param datalink when true, ObsCore's {@code access_url} is the product's DataLink links
     *                 document ({@code {base}/datalink/links?ID=<obs_publisher_did>}) and
     *                 {@code access_format} is {@code application/x-votable+xml;content=datalink};
     *                 product_files keeps the file URLs either way
     */
    public record Access(String url, String format, boolean datalink) {

        /** The access_format of ObsCore rows whose access_url is a links document. */
        public static final String DATALINK_FORMAT = "application/x-votable+xml;content=datalink";
    }

    /** The canonical target name of {@code name} if it is one of the declared aliases. */
    public Optional<String> canonicalTarget(String target) {
        if (target == null) {
            return Optional.empty();
        }
        String key = normaliseTarget(target);
        for (Map.Entry<String, List<String>> e : targetAliases.entrySet()) {
            if (normaliseTarget(e.getKey()).equals(key)) {
                return Optional.of(e.getKey());
            }
            for (String alias : e.getValue()) {
                if (normaliseTarget(alias).equals(key)) {
                    return Optional.of(e.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** Case and white space do not distinguish target names ("HD 1234" = "hd1234"). */
    public static String normaliseTarget(String s) {
        return s.replaceAll("[\\s_]+", "").toLowerCase(Locale.ROOT);
    }
}
