package meridian.ingest.fits;

import meridian.ingest.CollectionDefinition;

/** obs_id suffixes of the products of multi-product files. */
final class Naming {

    private Naming() {
    }

    /** The suffix of the {@code n}-th (1-based) product from {@code product_suffix}. */
    static String suffix(CollectionDefinition.LoaderOptions o, int n, String extname) {
        String s = o.productSuffix().replace("{n}", Integer.toString(n));
        return s.replace("{extname}", extname == null ? Integer.toString(n) : extname.trim());
    }
}
