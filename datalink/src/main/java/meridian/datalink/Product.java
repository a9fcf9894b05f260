package meridian.datalink;

import java.util.List;
import java.util.Optional;

/**
 * An ObsCore product and its files: what DataLink, SODA and bundles know about one ID.
 *
 * @param id              obs_publisher_did
 * @param dataproductType ObsCore dataproduct_type (spectrum, image, cube...)
 * @param collection      obs_collection
 * @param obsId           obs_id
 * @param sRa             s_ra (deg), null when unknown
 * @param sDec            s_dec (deg), null when unknown
 * @param sFov            s_fov (deg), null when unknown
 * @param emMin           em_min (m), null when unknown
 * @param emMax           em_max (m), null when unknown
 * @param tMin            t_min (MJD), null when unknown
 * @param tMax            t_max (MJD), null when unknown
 * @param redshift        the source's redshift (ivoa.obscore redshift), null when unknown
 * @param targetName      target_name, null when unknown
 * @param tExptime        t_exptime (s), null when unknown
 * @param files           its product_files rows, science file first
 */
public record Product(String id, String dataproductType, String collection, String obsId, Double sRa, Double sDec,
                      Double sFov, Double emMin, Double emMax, Double tMin, Double tMax, Double redshift,
                      String targetName, Double tExptime, List<ProductFileRef> files) {

    public Product {
        files = List.copyOf(files);
    }

    /** The science file, if product_files has one. */
    public Optional<ProductFileRef> science() {
        return files.stream().filter(ProductFileRef::isScience).findFirst();
    }

    public boolean isSpectrum() {
        return "spectrum".equals(dataproductType);
    }

    public boolean isImage() {
        return "image".equals(dataproductType);
    }

    public boolean isCube() {
        return "cube".equals(dataproductType);
    }
}
