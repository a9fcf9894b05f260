package meridian.server.scs;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import meridian.server.registry.RecordProvider;
import meridian.server.registry.RegistryMetadata;
import meridian.server.registry.RegistryRecord;
import meridian.server.registry.ServiceRecord;
import meridian.sql.model.MetadataModel;
import meridian.sql.model.Schema;

/**
 * One registry record per cone search: a {@code vs:CatalogService} with the {@code cs:ConeSearch}
 * capability of {@link ScsCapabilities} (the same as its VOSI capabilities) and the table as its
 * tableset, identifier {@code ivo://<authority>/scs/<schema>.<table>}. Computed from the current
 * model on every request, so a catalogue published at run time has its record at once.
 */
public final class ScsRecords implements RecordProvider {

    private final RegistryMetadata meta;
    private final Supplier<MetadataModel> model;
    private final ScsParameters.Limits limits;

    public ScsRecords(RegistryMetadata meta, Supplier<MetadataModel> model, ScsParameters.Limits limits) {
        this.meta = meta;
        this.model = model;
        this.limits = limits;
    }

    /** The resource key of a table's cone search. */
    public static String key(ConeTable cone) {
        return "scs/" + cone.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<RegistryRecord> records(String baseUrl) {
        MetadataModel current = model.get();
        return ConeTable.all(current).flatMap(cone -> record(current, cone).records(baseUrl).stream()).toList();
    }

    private ServiceRecord record(MetadataModel current, ConeTable cone) {
        String description = cone.table().description() == null || cone.table().description().isBlank()
                ? "" : cone.table().description().strip() + " ";
        Schema schema = current.schema(cone.table().schema()).orElseThrow();
        MetadataModel single = new MetadataModel(List.of(new Schema(schema.name(), schema.description(),
                schema.utype(), List.of(cone.table()), schema.schemaIndex())));
        return new ServiceRecord(meta, key(cone), "vs:CatalogService", meta.title() + " cone search on " + cone.name(),
                description + "Simple Cone Search 1.03 on the table " + cone.name() + " of " + meta.title()
                        + " (also queryable through the TAP service).",
                new ScsCapabilities(cone.name(), limits), ScsServlet.PATH + "/" + cone.name(), () -> single);
    }
}
