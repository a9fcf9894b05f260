package meridian.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The FITS loaders a collection definition can name in {@code loader:}. */
public enum LoaderKind {
    /** 1D spectra in image HDUs with a linear wavelength WCS (CRVAL1/CDELT1/CRPIX1/CUNIT1). */
    SPECTRUM_IMAGE("spectrum-image", "spectrum"),
    /** Spectra in binary tables: array-per-row (ESO Phase 3 SDP) or column-per-point. */
    SPECTRUM_TABLE("spectrum-table", "spectrum"),
    /** 2D images with a celestial TAN WCS. */
    IMAGE("image", "image"),
    /** 3D cubes: two celestial axes and one spectral axis. */
    CUBE("cube", "cube");

    private final String yamlName;
    private final String dataproductType;

    LoaderKind(String yamlName, String dataproductType) {
        this.yamlName = yamlName;
        this.dataproductType = dataproductType;
    }

    /** The name used in YAML. */
    public String yamlName() {
        return yamlName;
    }

    /** The ObsCore {@code dataproduct_type} of what the loader produces. */
    public String dataproductType() {
        return dataproductType;
    }

    /** The SCIENCE.* category of the science file in product_files. */
    public String scienceCategory() {
        return "SCIENCE." + dataproductType.toUpperCase(Locale.ROOT);
    }

    /** The loader of that YAML name. */
    public static Optional<LoaderKind> forName(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
    }
}
