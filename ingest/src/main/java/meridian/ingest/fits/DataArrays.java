package meridian.ingest.fits;

import nom.tam.util.ArrayFuncs;

/** Turns nom-tam-fits data arrays of any numeric primitive type into scaled doubles. */
final class DataArrays {

    private DataArrays() {
    }

    /** A 1D array of any primitive numeric type (or a multi-dimensional one, flattened), scaled. */
    static double[] toDoubles(Object kernel, double bscale, double bzero) {
        Object flat = kernel.getClass().getComponentType().isArray() ? ArrayFuncs.flatten(kernel) : kernel;
        double[] out = (double[]) ArrayFuncs.convertArray(flat, double.class, true);
        if (out == flat) {
            out = out.clone();
        }
        if (bscale != 1 || bzero != 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = out[i] * bscale + bzero;
            }
        }
        return out;
    }
}
