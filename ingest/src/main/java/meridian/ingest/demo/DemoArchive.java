package meridian.ingest.demo;

import static meridian.ingest.demo.DemoFits.card;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import meridian.ingest.fits.PreviewData;
import meridian.ingest.preview.PreviewRenderer;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;

/**
 * Writes the demo archive: deterministic (fixed random seeds, fixed header dates) FITS files
 * covering every loader, with ancillary files, plus one collection YAML per collection.
 * <ul>
 *   <li>{@code demo_sdp}: ESO Phase 3 SDP-like binary-table spectra, mostly array per row, some
 *       column per point, some multi-spectrum tables (one spectrum per row) and combined
 *       multi-epoch spectra; logs, sky spectra, some previews;</li>
 *   <li>{@code demo_echelle}: 1D spectra in the primary array with a linear WCS (Angstrom or nm),
 *       error spectra, logs, some previews, multi-fibre files with one spectrum per extension;</li>
 *   <li>{@code demo_images}: 2D images with TAN WCS (CD, PC or CROTA2 forms) and weight maps;</li>
 *   <li>{@code demo_cubes}: one IFU cube with a wavelength axis.</li>
 * </ul>
 * The YAMLs have {@code root: demo/<collection>}, relative to the data directory, so ingest
 * them with the data directory as the first data root.
 */
public final class DemoArchive {

    /** Collections in the order they are generated. */
    public static final List<String> COLLECTIONS = List.of("demo_sdp", "demo_echelle", "demo_images", "demo_cubes");

    /** Fixed so that every generation writes the same bytes. */
    private static final long SEED = 20_261_121L;

    /** A demo target; {@code z} is its redshift (0 for the stars), null for anonymous fields. */
    record Target(String name, double ra, double dec, String kind, Double z, String... aliases) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("HD 10700", 26.0170, -15.9375, "star", 0.0, "tau Cet", "HIP 8102"),
            new Target("HD 209458", 330.7950, 18.8843, "star", 0.0, "HIP 108859"),
            new Target("Vega", 279.2347, 38.7837, "star", 0.0, "alf Lyr", "HD 172167"),
            new Target("Sirius", 101.2872, -16.7161, "star", 0.0, "alf CMa", "HD 48915"),
            new Target("HD 189733", 300.1821, 22.7097, "star", 0.0, "HIP 98505"),
            new Target("Betelgeuse", 88.7929, 7.4070, "star", 0.0, "alf Ori", "HD 39801"),
            new Target("NGC 1068", 40.6696, -0.0133, "galaxy", 0.003793, "M 77"),
            new Target("M 87", 187.7059, 12.3911, "galaxy", 0.004283, "NGC 4486", "Vir A"),
            new Target("3C 273", 187.2779, 2.0524, "QSO", 0.158339, "PG 1226+023"));

    private DemoArchive() {
    }

    /**
     * Writes the demo data set under {@code <dataDir>/demo} and returns the collection YAML paths
     * ({@code <dataDir>/demo/collections/<name>.yaml}). Existing demo files are overwritten with
     * identical content.
     */
    public static List<Path> generate(Path dataDir) throws IOException {
        Path demo = dataDir.resolve("demo");
        List<Path> yamls = new ArrayList<>();
        yamls.add(sdp(demo, "demo_sdp", 140, 40, 12, new Random(SEED)));
        yamls.add(echelle(demo, "demo_echelle", 150, 8, new Random(SEED + 1)));
        yamls.add(images(demo, "demo_images", 12, new Random(SEED + 2)));
        yamls.add(cubes(demo, "demo_cubes", new Random(SEED + 3)));
        return yamls;
    }

    /**
     * Writes {@code count} single SDP spectra (array per row, with logs, and previews for every
     * third) as collection {@code name}, for benchmarks; returns its YAML.
     */
    public static Path generateSpectra(Path dataDir, String name, int count) throws IOException {
        return sdp(dataDir.resolve("demo"), name, count, 0, 0, new Random(SEED + 7));
    }

    // --- demo_sdp ------------------------------------------------------------------------------

    private static Path sdp(Path demo, String name, int arrays, int columns, int multi, Random r) throws IOException {
        Path root = demo.resolve(name);
        PreviewRenderer renderer = new PreviewRenderer();
        double mjd = 59_000;
        int n = 0;
        for (int i = 0; i < arrays + columns + multi; i++) {
            mjd += 0.3 + r.nextDouble() * 2;
            String stem = "ADP." + DemoFits.iso(mjd).replace(":", "").substring(0, 21);
            Path file = root.resolve(String.format(Locale.ROOT, "%04d", 2020 + i % 5)).resolve(stem + ".fits");
            Target t = target(r, i);
            boolean lowRes = i >= arrays && i < arrays + columns;
            int points = lowRes ? 800 : 2000 + r.nextInt(1000);
            double w0 = lowRes ? 3500 + r.nextInt(200) : 300 + r.nextInt(50);
            double step = lowRes ? 8.0 : (700.0 / points);
            double[] wave = DemoFits.grid(w0, step, points);
            double snr = 20 + r.nextDouble() * 80;
            BasicHDU<?> primary = DemoFits.emptyPrimaryWithExtend();
            Header h = primary.getHeader();
            card(h, "DATE", "2024-01-01T00:00:00", "Date the file was written");
            card(h, "ORIGIN", "Meridian demo", "Generated by DemoArchive");
            card(h, "TELESCOP", "MDT-2.4", "Meridian Demo Telescope");
            card(h, "INSTRUME", lowRes ? "LORES" : "MEGASPEC", "Instrument");
            card(h, "OBJECT", i >= arrays + columns ? "MULTI-FIELD-" + i : t.name, "Target");
            card(h, "RA", round(t.ra, 6), "[deg] Target position (ICRS)");
            card(h, "DEC", round(t.dec, 6), "[deg] Target position (ICRS)");
            card(h, "EQUINOX", 2000.0, "Standard FK5");
            card(h, "RADESYS", "ICRS", "Coordinate reference frame");
            double exp = 300 + 60 * r.nextInt(30);
            boolean combined = !lowRes && i % 7 == 3;
            if (combined) {
                card(h, "NCOMBINE", 3, "Number of combined epochs");
                double total = 0;
                for (int e = 1; e <= 3; e++) {
                    double m = mjd + (e - 1) * (1 + r.nextInt(20));
                    card(h, "MJD-OBS" + e, round(m, 8), "Start of epoch " + e);
                    card(h, "EXPTIME" + e, exp, "[s] Exposure of epoch " + e);
                    total += exp;
                }
                card(h, "MJD-OBS", round(mjd, 8), "Start of the first epoch");
                card(h, "TEXPTIME", total, "[s] Total exposure");
            } else {
                card(h, "DATE-OBS", DemoFits.iso(mjd), "Start of observation (UTC)");
                card(h, "MJD-OBS", round(mjd, 8), "Start of observation (MJD)");
                card(h, "MJD-END", round(mjd + exp / 86400, 8), "End of observation (MJD)");
                card(h, "EXPTIME", exp, "[s] Exposure time");
            }
            card(h, "PROG_ID", String.format(Locale.ROOT, "1%02d.D-%04d(A)", 4 + i % 8, 100 + i % 37), "Programme");
            card(h, "SPEC_RES", lowRes ? 500.0 : 8000.0 + 500 * r.nextInt(8), "Spectral resolving power");
            card(h, "PRODCATG", "SCIENCE.SPECTRUM", "Data product category");
            card(h, "APERTURE", round(1.2 / 3600, 8), "[deg] Aperture diameter");
            card(h, "FLUXCAL", "ABSOLUTE", "Flux calibration");
            card(h, "SNR", round(snr, 1), "Median signal-to-noise ratio");
            if (t.z != null && i < arrays + columns) {
                card(h, "Z", t.z, "Redshift of the target");
            }
            BasicHDU<?> ext;
            PreviewData.Spectrum preview;
            String unit = lowRes ? "Angstrom" : "nm";
            if (i >= arrays + columns) {
                int rows = 4;
                String[] objects = new String[rows];
                double[] ra = new double[rows];
                double[] dec = new double[rows];
                float[][] w = new float[rows][];
                float[][] f = new float[rows][];
                float[][] e = new float[rows][];
                for (int k = 0; k < rows; k++) {
                    objects[k] = String.format(Locale.ROOT, "FIELD-%03d-%d", i, k + 1);
                    ra[k] = round(t.ra + (k - 1.5) * 0.01, 6);
                    dec[k] = round(t.dec + (k - 1.5) * 0.005, 6);
                    w[k] = DemoFits.toFloats(wave);
                    f[k] = DemoFits.spectrum(r, wave, snr);
                    e[k] = DemoFits.error(f[k], snr);
                }
                ext = DemoFits.tableHdu(new Object[] {objects, ra, dec, w, f, e},
                        new String[] {"OBJECT", "RA", "DEC", "WAVE", "FLUX", "ERR"},
                        new String[] {null, "deg", "deg", unit, "erg/(s.cm**2.Angstrom)", "erg/(s.cm**2.Angstrom)"});
                preview = null;
                n += rows;
            } else if (lowRes) {
                float[] f = DemoFits.spectrum(r, wave, snr);
                ext = DemoFits.tableHdu(new Object[] {DemoFits.toFloats(wave), f, DemoFits.error(f, snr)},
                        new String[] {"WAVE", "FLUX", "ERR"},
                        new String[] {unit, "erg/(s.cm**2.Angstrom)", "erg/(s.cm**2.Angstrom)"});
                preview = new PreviewData.Spectrum(wave, toDoubles(f), unit, t.name);
                n++;
            } else {
                float[] f = DemoFits.spectrum(r, wave, snr);
                ext = DemoFits.tableHdu(new Object[] {new float[][] {DemoFits.toFloats(wave)}, new float[][] {f},
                        new float[][] {DemoFits.error(f, snr)}},
                        new String[] {"WAVE", "FLUX", "ERR"},
                        new String[] {unit, "erg/(s.cm**2.Angstrom)", "erg/(s.cm**2.Angstrom)"});
                card(ext.getHeader(), "EXTNAME", "SPECTRUM", "ESO SDP spectrum");
                preview = new PreviewData.Spectrum(wave, toDoubles(f), unit, t.name);
                n++;
            }
            card(h, "WAVELMIN", round(unit.equals("nm") ? wave[0] : wave[0] / 10, 4), "[nm] Minimum wavelength");
            card(h, "WAVELMAX", round(unit.equals("nm") ? wave[points - 1] : wave[points - 1] / 10, 4),
                    "[nm] Maximum wavelength");
            DemoFits.write(file, primary, ext);
            Files.writeString(file.resolveSibling(stem + "_log.txt"), "Reduction log of " + stem + "\nrecipe: "
                    + "demo_sci_reduce\nsnr: " + String.format(Locale.ROOT, "%.1f", snr) + "\nstatus: OK\n",
                    StandardCharsets.US_ASCII);
            if (preview != null && i % 3 == 0) {
                renderer.write(preview, file.resolveSibling(stem + ".png"));
            }
            if (i % 5 == 1 && !lowRes) {
                float[] sky = DemoFits.spectrum(r, wave, 50);
                DemoFits.write(file.resolveSibling(stem + "_sky.fits"), DemoFits.emptyPrimaryWithExtend(),
                        DemoFits.tableHdu(new Object[] {new float[][] {DemoFits.toFloats(wave)}, new float[][] {sky}},
                                new String[] {"WAVE", "FLUX"}, new String[] {unit, "erg/(s.cm**2.Angstrom)"}));
            }
        }
        String yaml = """
                # Generated by meridian.ingest.demo.DemoArchive: ESO Phase 3 SDP-like spectra.
                name: %s
                title: Meridian demo spectra (Phase 3 binary tables)
                description: >-
                  Synthetic one-dimensional spectra in ESO Phase 3 SDP layout (one row with WAVE, FLUX
                  and ERR arrays), low-resolution spectra with one row per wavelength point, multi-object
                  tables with one spectrum per row, and combined multi-epoch spectra.
                facility: Meridian Demo Telescope
                instruments: [MEGASPEC, LORES]
                coordinate_frame: ICRS
                fov: 0.000333
                obs_id_pattern: 'ADP\\.\\d{4}-\\d{2}-\\d{2}T\\d{6}\\.\\d{3}(_\\d+)?'
                calib_level: 2
                rights:
                  data_rights: public
                  release_delay_days: 365
                  citation: Meridian demo archive, %s collection
                root: demo/%s
                sources:
                  - glob: '**/ADP.*.fits'
                loader: spectrum-table
                loader_options:
                  layout: auto
                  wave_column: WAVE
                  flux_column: FLUX
                  error_column: ERR
                  product_suffix: '_{n}'
                mapping:
                  target_name: OBJECT
                  em_res_power: {keyword: SPEC_RES}
                  t_exptime: {keywords: [TEXPTIME, EXPTIME], unit: s}
                  proposal_id: {keyword: PROG_ID}
                  obs_creator_did: {template: 'ivo://meridian.demo/raw?{PROG_ID}'}
                  dataproduct_subtype: {constant: sdp}
                  target_class: {keyword: TCLASS, default: unknown}
                  redshift: {keyword: Z}
                  snr: {keyword: SNR}
                  flux_calib: {keyword: FLUXCAL}
                  wave_calib: {constant: ABSOLUTE}
                required_keywords: [OBJECT, MJD-OBS]
                target_aliases:
                %s
                ancillary:
                  - {match: '{stem}.png', category: ANCILLARY.PREVIEW}
                  - {match: '{stem}_log.txt', category: ANCILLARY.LOG}
                  - {match: '{stem}_sky.fits', category: ANCILLARY.SKYSPECTRUM}
                previews:
                  generate: true
                  directory: .previews
                access:
                  url: '{base}/files/{collection}/{path}'
                  format: application/fits
                """.formatted(name, name, name, aliasesYaml());
        return writeYaml(demo, name, yaml);
    }

    // --- demo_echelle --------------------------------------------------------------------------

    private static Path echelle(Path demo, String name, int count, int multi, Random r) throws IOException {
        Path root = demo.resolve(name);
        PreviewRenderer renderer = new PreviewRenderer();
        double mjd = 58_500;
        for (int i = 0; i < count + multi; i++) {
            mjd += 0.2 + r.nextDouble() * 3;
            String stem = String.format(Locale.ROOT, "ECH_%05d", 1000 + i);
            Path file = root.resolve("night_" + (int) mjd).resolve(stem + ".fits");
            Target t = target(r, i + 3);
            boolean nm = i % 4 == 1;
            int points = 3000;
            double w0 = nm ? 480 + r.nextInt(20) : 4800 + r.nextInt(200);
            double step = nm ? 0.01 : 0.1;
            double[] wave = DemoFits.grid(w0, step, points);
            double snr = 30 + r.nextDouble() * 100;
            double exp = 600 + 120 * r.nextInt(10);
            if (i >= count) {
                BasicHDU<?> primary = DemoFits.emptyPrimaryWithExtend();
                Header h = primary.getHeader();
                common(h, "ECHELLE-MOS", mjd, exp, t, false);
                card(h, "SNR", round(snr, 1), "Median signal-to-noise ratio");
                List<BasicHDU<?>> hdus = new ArrayList<>();
                hdus.add(primary);
                for (int k = 1; k <= 3; k++) {
                    float[] f = DemoFits.spectrum(r, wave, snr);
                    ImageHDU ext = DemoFits.imageHdu(f);
                    Header eh = ext.getHeader();
                    card(eh, "EXTNAME", "FIBRE" + k, "Fibre");
                    card(eh, "OBJECT", String.format(Locale.ROOT, "%s-F%d", t.name.replace(" ", ""), k), "Target");
                    card(eh, "RA", round(t.ra + k * 0.02, 6), "[deg]");
                    card(eh, "DEC", round(t.dec - k * 0.01, 6), "[deg]");
                    linearWcs(eh, wave, nm);
                    hdus.add(ext);
                }
                DemoFits.write(file, hdus.toArray(new BasicHDU<?>[0]));
            } else {
                float[] f = DemoFits.spectrum(r, wave, snr);
                ImageHDU primary = DemoFits.imageHdu(f);
                Header h = primary.getHeader();
                common(h, "ECHELLE", mjd, exp, t, i % 9 == 4);
                card(h, "SNR", round(snr, 1), "Median signal-to-noise ratio");
                if (t.z != null) {
                    card(h, "Z", t.z, "Redshift of the target");
                }
                card(h, "OBJECT", i % 6 == 0 && t.aliases.length > 0 ? t.aliases[0] : t.name, "Target");
                card(h, "RA", round(t.ra, 6), "[deg]");
                card(h, "DEC", round(t.dec, 6), "[deg]");
                linearWcs(h, wave, nm);
                DemoFits.write(file, primary);
                ImageHDU err = DemoFits.imageHdu(DemoFits.error(f, snr));
                linearWcs(err.getHeader(), wave, nm);
                card(err.getHeader(), "OBJECT", t.name, "Error spectrum of " + stem);
                DemoFits.write(file.resolveSibling(stem + "_err.fits"), err);
                if (i % 4 == 0) {
                    renderer.write(new PreviewData.Spectrum(wave, toDoubles(f), nm ? "nm" : "Angstrom", t.name),
                            file.resolveSibling(stem + ".png"));
                }
            }
            Files.writeString(file.resolveSibling(stem + ".log"), "pipeline ech-reduce 2.1\nframe " + stem
                    + "\nexptime " + exp + "\n", StandardCharsets.US_ASCII);
        }
        String yaml = """
                # Generated by meridian.ingest.demo.DemoArchive: echelle spectra in primary arrays.
                name: %s
                title: Meridian demo echelle spectra
                description: >-
                  Synthetic echelle spectra, one per primary array with a linear wavelength WCS
                  (Angstrom or nm), with error spectra and logs; multi-fibre files hold one spectrum
                  per image extension.
                facility: Meridian Demo Telescope
                instruments: [ECHELLE, ECHELLE-MOS]
                fov: 0.00042
                obs_id_pattern: 'ECH_\\d{5}(_FIBRE\\d)?'
                calib_level: 2
                rights:
                  data_rights: public
                  release_date: '2025-01-01'
                root: demo/%s
                sources:
                  - glob: '**/*.fits'
                    exclude: ['**/*_err.fits']
                loader: spectrum-image
                loader_options:
                  extensions: all
                  spectral_unit: Angstrom
                  product_suffix: '_{extname}'
                mapping:
                  target_name: {keyword: OBJECT, required: true}
                  em_res_power: {expression: 'RESOLVE * 1.0', default: 40000}
                  s_resolution: {keyword: SEEING, unit: arcsec}
                  o_ucd: {constant: 'phot.flux.density;em.wl'}
                  redshift: {keyword: Z}
                  snr: {keyword: SNR}
                  flux_calib: {constant: UNCALIBRATED}
                  wave_calib: {constant: ABSOLUTE}
                target_aliases:
                %s
                ancillary:
                  - {match: '{stem}.png', category: ANCILLARY.PREVIEW}
                  - {match: '{stem}_err.fits', category: ANCILLARY.ERRORSPECTRUM}
                  - {match: '{stem}.log', category: ANCILLARY.LOG, content_type: text/plain}
                """.formatted(name, name, aliasesYaml());
        return writeYaml(demo, name, yaml);
    }

    private static void common(Header h, String instrument, double mjd, double exp, Target t, boolean dateOnly) {
        card(h, "DATE", "2024-01-01T00:00:00", "Date the file was written");
        card(h, "TELESCOP", "MDT-2.4", "Meridian Demo Telescope");
        card(h, "INSTRUME", instrument, "Instrument");
        card(h, "DATE-OBS", DemoFits.iso(mjd), "Start of observation (UTC)");
        if (!dateOnly) {
            card(h, "MJD-OBS", round(mjd, 8), "Start of observation (MJD)");
        }
        card(h, "EXPTIME", exp, "[s] Exposure time");
        card(h, "RESOLVE", 45000.0, "Resolving power");
        card(h, "SEEING", 0.8, "[arcsec] Seeing FWHM");
        card(h, "RADESYS", "ICRS", "Frame");
        card(h, "BUNIT", "adu", "Unit of the data");
    }

    private static void linearWcs(Header h, double[] wave, boolean nm) {
        card(h, "CTYPE1", "WAVE", "Wavelength in vacuum");
        card(h, "CUNIT1", nm ? "nm" : "Angstrom", "Wavelength unit");
        card(h, "CRPIX1", 1.0, "Reference pixel");
        card(h, "CRVAL1", round(wave[0], 6), "Wavelength at the reference pixel");
        card(h, "CDELT1", round(wave[1] - wave[0], 8), "Wavelength step");
    }

    // --- demo_images ---------------------------------------------------------------------------

    private static Path images(Path demo, String name, int count, Random r) throws IOException {
        Path root = demo.resolve(name);
        String[] filters = {"g", "r", "i"};
        double[][] band = {{400, 550}, {550, 700}, {700, 850}};
        double mjd = 59_500;
        for (int i = 0; i < count; i++) {
            mjd += 1 + r.nextDouble();
            Target t = target(r, i + 6);
            int nx = 256;
            int ny = 200 + 8 * r.nextInt(8);
            float[][] px = DemoFits.image(r, nx, ny, 40 + r.nextInt(40));
            ImageHDU hdu = DemoFits.imageHdu(px);
            Header h = hdu.getHeader();
            int f = i % 3;
            card(h, "DATE", "2024-01-01T00:00:00", "Date the file was written");
            card(h, "TELESCOP", "MDT-2.4", "Meridian Demo Telescope");
            card(h, "INSTRUME", "WIDECAM", "Instrument");
            card(h, "OBJECT", t.name, "Target");
            card(h, "FILTER", filters[f], "Filter");
            card(h, "WAVELMIN", band[f][0], "[nm] Filter blue edge");
            card(h, "WAVELMAX", band[f][1], "[nm] Filter red edge");
            card(h, "DATE-OBS", DemoFits.iso(mjd), "Start of observation (UTC)");
            card(h, "MJD-OBS", round(mjd, 8), "Start of observation (MJD)");
            card(h, "EXPTIME", 60.0 * (1 + r.nextInt(5)), "[s] Exposure time");
            card(h, "RADESYS", "ICRS", "Frame");
            card(h, "EQUINOX", 2000.0, "Equinox");
            card(h, "CTYPE1", "RA---TAN", "Gnomonic projection");
            card(h, "CTYPE2", "DEC--TAN", "Gnomonic projection");
            card(h, "CUNIT1", "deg", "");
            card(h, "CUNIT2", "deg", "");
            card(h, "CRPIX1", nx / 2.0 + 0.5, "Reference pixel");
            card(h, "CRPIX2", ny / 2.0 + 0.5, "Reference pixel");
            card(h, "CRVAL1", round(t.ra + r.nextGaussian() * 0.002, 7), "[deg] RA at the reference pixel");
            card(h, "CRVAL2", round(t.dec + r.nextGaussian() * 0.002, 7), "[deg] Dec at the reference pixel");
            double scale = 0.4 / 3600;
            double rot = Math.toRadians(r.nextInt(4) * 7.5);
            switch (i % 3) {
                case 0 -> {
                    card(h, "CD1_1", round(-scale * Math.cos(rot), 12), "");
                    card(h, "CD1_2", round(scale * Math.sin(rot), 12), "");
                    card(h, "CD2_1", round(scale * Math.sin(rot), 12), "");
                    card(h, "CD2_2", round(scale * Math.cos(rot), 12), "");
                }
                case 1 -> {
                    card(h, "CDELT1", round(-scale, 12), "");
                    card(h, "CDELT2", round(scale, 12), "");
                    card(h, "PC1_1", round(Math.cos(rot), 10), "");
                    card(h, "PC1_2", round(-Math.sin(rot), 10), "");
                    card(h, "PC2_1", round(Math.sin(rot), 10), "");
                    card(h, "PC2_2", round(Math.cos(rot), 10), "");
                }
                default -> {
                    card(h, "CDELT1", round(-scale, 12), "");
                    card(h, "CDELT2", round(scale, 12), "");
                    card(h, "CROTA2", Math.toDegrees(rot), "");
                }
            }
            card(h, "SEEING", round(0.6 + r.nextDouble(), 3), "[arcsec] Seeing FWHM");
            card(h, "BUNIT", "adu", "");
            String stem = String.format(Locale.ROOT, "WC_%s_%03d", filters[f], i + 1);
            Path file = root.resolve(stem + ".fits");
            DemoFits.write(file, hdu);
            if (i % 2 == 0) {
                float[][] wt = new float[ny][nx];
                for (float[] row : wt) {
                    java.util.Arrays.fill(row, 1f);
                }
                DemoFits.write(file.resolveSibling(stem + "_weight.fits"), DemoFits.imageHdu(wt));
            }
        }
        String yaml = """
                # Generated by meridian.ingest.demo.DemoArchive: images with a celestial TAN WCS.
                name: %s
                title: Meridian demo images
                description: Synthetic wide-field camera images in three filters, with weight maps.
                facility: Meridian Demo Telescope
                instruments: [WIDECAM]
                fov: 0.03
                obs_id_pattern: 'WC_[gri]_\\d{3}'
                calib_level: 2
                rights: {data_rights: public}
                root: demo/%s
                sources: ['*.fits']
                loader: image
                mapping:
                  em_min: {keyword: WAVELMIN, unit: nm}
                  em_max: {keyword: WAVELMAX, unit: nm}
                  s_resolution: {keyword: SEEING, unit: arcsec}
                  obs_title: {template: '{OBJECT} in {FILTER}'}
                  dataproduct_subtype: {keyword: FILTER, values: {g: g-band, r: r-band, i: i-band}}
                ancillary:
                  - {match: '{stem}_weight.fits', category: ANCILLARY.WEIGHTMAP}
                """.formatted(name, name);
        return writeYaml(demo, name, yaml);
    }

    // --- demo_cubes ----------------------------------------------------------------------------

    private static Path cubes(Path demo, String name, Random r) throws IOException {
        Path root = demo.resolve(name);
        int nx = 40;
        int ny = 40;
        int nz = 200;
        float[][][] cube = new float[nz][ny][nx];
        for (int z = 0; z < nz; z++) {
            double line = Math.exp(-0.5 * Math.pow((z - 120) / 4.0, 2));
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double d2 = (Math.pow(x - 20.3, 2) + Math.pow(y - 18.7, 2)) / 30.0;
                    cube[z][y][x] = (float) (10 * Math.exp(-d2) * (1 + 2 * line) + r.nextGaussian() * 0.2);
                }
            }
        }
        ImageHDU hdu = DemoFits.imageHdu(cube);
        Header h = hdu.getHeader();
        Target t = TARGETS.get(6);
        card(h, "DATE", "2024-01-01T00:00:00", "Date the file was written");
        card(h, "TELESCOP", "MDT-2.4", "Meridian Demo Telescope");
        card(h, "INSTRUME", "IFU-NIR", "Instrument");
        card(h, "OBJECT", t.name, "Target");
        card(h, "DATE-OBS", "2023-06-01T03:04:05.000", "Start of observation (UTC)");
        card(h, "EXPTIME", 1800.0, "[s] Exposure time");
        card(h, "RADESYS", "ICRS", "Frame");
        card(h, "CTYPE1", "RA---TAN", "");
        card(h, "CTYPE2", "DEC--TAN", "");
        card(h, "CTYPE3", "WAVE", "Vacuum wavelength");
        card(h, "CUNIT1", "deg", "");
        card(h, "CUNIT2", "deg", "");
        card(h, "CUNIT3", "um", "");
        card(h, "CRPIX1", 20.5, "");
        card(h, "CRPIX2", 20.5, "");
        card(h, "CRPIX3", 1.0, "");
        card(h, "CRVAL1", t.ra, "");
        card(h, "CRVAL2", t.dec, "");
        card(h, "CRVAL3", 2.1, "");
        card(h, "CD1_1", -0.2 / 3600, "");
        card(h, "CD1_2", 0.0, "");
        card(h, "CD2_1", 0.0, "");
        card(h, "CD2_2", 0.2 / 3600, "");
        card(h, "CD3_3", 0.001, "");
        card(h, "SPEC_RES", 4000.0, "Spectral resolving power");
        card(h, "BUNIT", "adu", "");
        DemoFits.write(root.resolve("IFU_NGC1068_0001.fits"), hdu);
        String yaml = """
                # Generated by meridian.ingest.demo.DemoArchive: an IFU data cube.
                name: %s
                title: Meridian demo IFU cubes
                description: A synthetic near-infrared integral-field cube (RA, Dec, wavelength).
                facility: Meridian Demo Telescope
                instruments: [IFU-NIR]
                fov: 0.0025
                obs_id_pattern: 'IFU_[A-Z0-9]+_\\d{4}'
                calib_level: 3
                root: demo/%s
                sources: ['*.fits']
                loader: cube
                """.formatted(name, name);
        return writeYaml(demo, name, yaml);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Target target(Random r, int i) {
        if (i % 3 == 2) {
            return new Target(String.format(Locale.ROOT, "FIELD-%04d", i), r.nextDouble() * 360,
                    Math.toDegrees(Math.asin(2 * r.nextDouble() - 1)), "field", null);
        }
        return TARGETS.get(r.nextInt(TARGETS.size()));
    }

    private static String aliasesYaml() {
        StringBuilder sb = new StringBuilder();
        for (Target t : TARGETS) {
            if (t.aliases.length > 0) {
                sb.append("  '").append(t.name).append("': [");
                for (int k = 0; k < t.aliases.length; k++) {
                    sb.append(k == 0 ? "'" : ", '").append(t.aliases[k]).append('\'');
                }
                sb.append("]\n");
            }
        }
        return sb.toString().stripTrailing();
    }

    private static Path writeYaml(Path demo, String name, String yaml) throws IOException {
        Path file = demo.resolve("collections").resolve(name + ".yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
