package meridian.adql;

import java.util.Objects;
import java.util.function.Function;
import meridian.sql.model.Column;

/**
 * One column of a query result: its output name, the metadata its VOTable FIELD gets, and how
 * to turn the JDBC value into the value to write.
 *
 * @param name      the output name (the alias, or the column name, as ADQL resolved it)
 * @param metadata  a plain column reference carries the model column's metadata under
 *                  {@code name}; a computed expression gets a datatype (and xtype for
 *                  geometries and timestamps) and nothing else
 * @param converter maps the object {@code ResultSet.getObject} returns (null included) to a
 *                  String, Boolean, Short, Integer, Long, Float, Double or double[] matching
 *                  {@code metadata}; stateless and thread-safe
 */
public record ResultColumn(String name, Column metadata, Function<Object, Object> converter) {

    public ResultColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(converter, "converter");
    }
}
