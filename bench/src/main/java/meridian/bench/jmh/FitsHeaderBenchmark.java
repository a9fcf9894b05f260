package meridian.bench.jmh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import nom.tam.util.FitsOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing a FITS header with nom-tam-fits and reading the keywords ingestion maps to ObsCore, as
 * the ingest loaders do for every file: a spectrum primary header of {@code cards} cards
 * (ESO SDP-like keywords plus HISTORY/COMMENT filler), generated once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FitsHeaderBenchmark {

    @Param({"60", "400"})
    public int cards;

    private byte[] bytes;

    @Setup
    public void setUp() throws IOException, FitsException {
        Header h = new Header();
        h.addValue("SIMPLE", true, "conforms to FITS");
        h.addValue("BITPIX", 8, "");
        h.addValue("NAXIS", 0, "");
        h.addValue("EXTEND", true, "");
        h.addValue("ORIGIN", "MERIDIAN", "");
        h.addValue("TELESCOP", "BENCH-TEL", "");
        h.addValue("INSTRUME", "BENCHSPEC", "");
        h.addValue("OBJECT", "NGC 1234", "");
        h.addValue("RA", 123.456789, "[deg]");
        h.addValue("DEC", -45.678901, "[deg]");
        h.addValue("EXPTIME", 1200.0, "[s]");
        h.addValue("MJD-OBS", 60123.456789, "");
        h.addValue("MJD-END", 60123.470678, "");
        h.addValue("WAVELMIN", 380.0, "[nm]");
        h.addValue("WAVELMAX", 950.0, "[nm]");
        h.addValue("SPEC_RES", 5000.0, "");
        h.addValue("PRODCATG", "SCIENCE.SPECTRUM", "");
        h.addValue("PROG_ID", "0123.A-4567(B)", "");
        for (int i = 0; h.getNumberOfCards() < cards; i++) {
            if (i % 3 == 0) {
                h.insertHistory("processing step " + i + " with a recipe version 1.2." + i);
            } else {
                h.addValue(String.format("HIERARCH.ESO.DRS.PARAM%03d", i), i * 0.5, "a pipeline parameter");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FitsOutputStream fos = new FitsOutputStream(out)) {
            h.write(fos);
        }
        bytes = out.toByteArray();
    }

    @Benchmark
    public double parse() throws IOException, FitsException {
        try (FitsInputStream in = new FitsInputStream(new ByteArrayInputStream(bytes))) {
            Header h = Header.readHeader(in);
            return h.getDoubleValue("RA") + h.getDoubleValue("DEC") + h.getDoubleValue("EXPTIME")
                    + h.getDoubleValue("WAVELMIN") + h.getStringValue("OBJECT").length()
                    + h.getStringValue("PRODCATG").length();
        }
    }
}
