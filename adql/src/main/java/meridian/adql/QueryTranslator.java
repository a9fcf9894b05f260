package meridian.adql;

import adql.db.DBChecker;
import adql.db.exception.UnresolvedIdentifiersException;
import adql.parser.ADQLParser;
import adql.parser.grammar.ParseException;
import adql.parser.grammar.TokenMgrError;
import adql.query.ADQLSet;
import adql.translator.TranslationException;
import java.util.List;
import java.util.function.Supplier;
import meridian.sql.model.MetadataModel;

/**
 * The ADQL entry point: {@code parse → check against the model → translate → describe result
 * columns}. Nothing reaches the database unless every table, column and function in the query
 * is known and every optional feature used is in {@link AdqlFeatures}. Thread-safe; one instance
 * per SQL dialect serves all queries.
 *
 * <pre>{@code
 * TranslatedQuery q = QueryTranslator.derby().translate(adql, AdqlVersion.fromLang(lang), database.model());
 * }</pre>
 */
public final class QueryTranslator {

    /** Longest query text accepted, in characters. */
    public static final int MAX_QUERY_LENGTH = 100_000;

    /** ICRS with any reference position and flavour; an empty coordinate system means ICRS too. */
    private static final List<String> ALLOWED_COORDSYS = List.of("ICRS * *");

    private final Supplier<? extends AdqlTranslator> dialect;

    /** @param dialect makes a fresh dialect translator for each query */
    public QueryTranslator(Supplier<? extends AdqlTranslator> dialect) {
        this.dialect = dialect;
    }

    /**
     * The translator for the embedded Derby database.
     *
     * @return a translator whose SQL needs the functions of {@code GeometryFunctions.derbyInstaller()}
     */
    public static QueryTranslator derby() {
        return new QueryTranslator(DerbyTranslator::new);
    }

    /** The translator for PostgreSQL with pgSphere (needs {@code PostgresBackend}'s functions). */
    public static QueryTranslator postgres() {
        return new QueryTranslator(PostgresTranslator::new);
    }

    /** The translator for a backend by its {@code database.kind} name ({@code derby}, {@code postgresql}). */
    public static QueryTranslator forBackend(String kind) {
        return switch (kind) {
            case "derby" -> derby();
            case "postgresql" -> postgres();
            default -> throw new IllegalArgumentException("no ADQL translator for database kind " + kind);
        };
    }

    /**
     * Checks {@code adql} against {@code model} and translates it.
     *
     * @param adql    the query text (TAP's QUERY parameter)
     * @param version the ADQL version (from TAP's LANG, see {@link AdqlVersion#fromLang})
     * @param model   the tables the query may use: the published model, plus any per-job
     *                tables (TAP_UPLOAD) the caller added; read on every call
     * @return the SQL and its result columns
     * @throws AdqlException with a user-facing message (and line/column where known) when the
     *                       query is empty, too long, not valid ADQL, names unknown tables,
     *                       columns or functions, or uses an unsupported feature
     */
    public TranslatedQuery translate(String adql, AdqlVersion version, MetadataModel model) throws AdqlException {
        return translate(adql, version, model, RowFilter.NONE);
    }

    /**
     * As {@link #translate(String, AdqlVersion, MetadataModel)}, with every reference to a table
     * that {@code rows} restricts replaced by the restricted rows, wherever it occurs in the query.
     *
     * @param rows the rows the caller may see (from its identity)
     */
    public TranslatedQuery translate(String adql, AdqlVersion version, MetadataModel model, RowFilter rows)
            throws AdqlException {
        if (adql == null || adql.isBlank()) {
            throw new AdqlException("The query is empty: give an ADQL SELECT statement.");
        }
        if (adql.length() > MAX_QUERY_LENGTH) {
            throw new AdqlException("The query is too long: " + adql.length() + " characters, the limit is "
                    + MAX_QUERY_LENGTH + ".");
        }
        ADQLSet parsed = parse(adql, version, model);
        String sql;
        try {
            AdqlTranslator translator = dialect.get();
            translator.restrict(rows);
            sql = translator.toSql(parsed);
        } catch (TranslationException e) {
            throw new AdqlException(e.getMessage(), -1, -1, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AdqlException("The query cannot be translated: " + e, -1, -1, e);
        }
        return new TranslatedQuery(sql, ResultColumns.describe(parsed), parsed.toADQL(),
                ExpressionTypes.integerArithmetic(parsed));
    }

    private static ADQLSet parse(String adql, AdqlVersion version, MetadataModel model) throws AdqlException {
        StringLiterals literals = StringLiterals.mask(adql);
        GrammarGaps gaps = GrammarGaps.rewrite(literals.text(), version);
        ADQLParser parser = new ADQLParser(version.parserVersion(), null, null, AdqlFeatures.featureSet()) {
            @Override
            protected void allChecks(ADQLSet query) throws ParseException {
                // the checks must see the query as written: COALESCE back in place of its placeholder
                gaps.restore(query);
                super.allChecks(query);
            }
        };
        parser.setQueryChecker(new ScopedChecker(ModelTables.of(model), AdqlFunctions.definitions()));
        try {
            // positions are stored in ICRS and never transformed: refuse other frames rather than mix them
            parser.setAllowedCoordSys(ALLOWED_COORDSYS);
            ADQLSet query = parser.parseQuery(gaps.text());
            literals.restore(query);
            Associativity.leftAssociate(query);
            return query;
        } catch (UnresolvedIdentifiersException e) {
            throw AdqlErrors.unresolved(e, adql, version.parserVersion(), model, gaps::original);
        } catch (ParseException e) {
            throw AdqlErrors.syntax(new ParseException(gaps.original(e.getMessage()), gaps.original(e.getPosition())));
        } catch (TokenMgrError e) {
            throw new AdqlException("ADQL syntax error: " + e.getMessage(), -1, -1, e);
        } catch (StackOverflowError e) {
            throw new AdqlException("The query is nested too deeply to be parsed.", -1, -1, e);
        }
    }
}
