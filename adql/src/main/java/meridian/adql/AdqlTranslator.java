package meridian.adql;

import adql.query.ADQLSet;
import adql.translator.TranslationException;

/**
 * Turns a parsed, checked ADQL query into the SQL of one database. One implementation per SQL
 * dialect, each a subclass of ADQLlib's {@code JDBCTranslator} ({@link DerbyTranslator}, {@link PostgresTranslator}).
 * Implementations keep state while translating one query, so use a new instance per query.
 */
public interface AdqlTranslator {

    /**
     * The SQL for {@code query}, whose identifiers the checker has resolved against the model.
     *
     * @param query the parsed and checked query
     * @return SQL selecting the query's result columns in order
     * @throws TranslationException when the query uses something this dialect cannot express;
     *                              its message is shown to the user
     */
    String toSql(ADQLSet query) throws TranslationException;
}
