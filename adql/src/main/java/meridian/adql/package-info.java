/** ADQL text to checked query to dialect SQL plus result column metadata. */
package meridian.adql;
