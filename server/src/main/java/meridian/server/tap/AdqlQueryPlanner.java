package meridian.server.tap;

import java.util.List;
import java.util.function.Function;
import meridian.adql.AdqlException;
import meridian.adql.AdqlFeatures;
import meridian.adql.AdqlVersion;
import meridian.adql.QueryTranslator;
import meridian.adql.ResultColumn;
import meridian.adql.RowFilter;
import meridian.adql.TranslatedQuery;
import meridian.server.http.Fault;
import meridian.server.results.FieldMetadata;
import meridian.server.vosi.LanguageFeature;
import meridian.sql.model.MetadataModel;
import uk.ac.starlink.table.ColumnInfo;

/** The production {@link QueryPlanner}: the {@code adql} module's translator for one SQL dialect. */
public final class AdqlQueryPlanner implements QueryPlanner {

    private final QueryTranslator translator;

    public AdqlQueryPlanner(QueryTranslator translator) {
        this.translator = translator;
    }

    @Override
    public PlannedQuery plan(String adql, String version, MetadataModel model, RowFilter rows) {
        try {
            TranslatedQuery q = translator.translate(adql, AdqlVersion.fromLang("ADQL-" + version), model, rows);
            List<ColumnInfo> infos = q.columns().stream()
                    .map(c -> FieldMetadata.toColumnInfo(c.name(), c.metadata())).toList();
            List<Function<Object, Object>> converters = q.columns().stream().map(ResultColumn::converter).toList();
            String overflow = q.integerArithmetic().isEmpty() ? null
                    : "64-bit integer arithmetic in " + String.join(", ", q.integerArithmetic());
            return new PlannedQuery(q.sql(), infos, converters, overflow);
        } catch (AdqlException e) {
            throw Fault.usage(e.getMessage(), e);
        }
    }

    /** The optional ADQL features the translator supports, for the capabilities. */
    public static List<LanguageFeature> features() {
        return AdqlFeatures.declared().stream()
                .map(f -> new LanguageFeature(f.type(), f.form(), f.description())).toList();
    }
}
