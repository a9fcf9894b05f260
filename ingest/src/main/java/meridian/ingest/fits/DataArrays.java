package meridian.ingest.fits;

import nom.tam.util.ArrayFuncs;

/** Turns nom-tam-fits data kernels of any numeric primitive type into doubles or floats. */
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

    /** A 2D image [row][column] of any primitive numeric type, scaled. */
    static float[][] toFloats2d(Object kernel, int rows, int cols, double bscale, double bzero) {
        double[] flat = toDoubles(kernel, bscale, bzero);
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = (float) flat[r * cols + c];
            }
        }
        return out;
    }
}
