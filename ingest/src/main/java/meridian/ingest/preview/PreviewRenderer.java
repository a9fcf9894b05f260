package meridian.ingest.preview;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import meridian.ingest.fits.PreviewData;

/**
 * Draws PNG previews with plain Java2D (headless): a line plot of a spectrum with labelled
 * axes, or a grey quick-look of an image scaled between its 0.5 and 99.5 percentiles with an
 * asinh stretch, north up. Output depends only on the data (no timestamps), so re-ingesting
 * writes identical files. Files are written to a temporary name and moved into place, so a
 * reader never sees half a PNG. Stateless and thread-safe.
 */
public final class PreviewRenderer {

    private static final int PLOT_W = 800;
    private static final int PLOT_H = 400;
    private static final int MAX_SIDE = 512;

    /** Writes the preview of {@code data} to {@code png}, creating its directory. */
    public void write(PreviewData data, Path png) throws IOException {
        BufferedImage img = data instanceof PreviewData.Spectrum s ? plot(s) : picture((PreviewData.Picture) data);
        byte[] bytes = encode(img);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * PNG bytes, encoded in memory: ImageIO's default stream caches to a temporary file, which
     * costs more than drawing the plot; and a fast deflate level, since previews are small.
     */
    static byte[] encode(BufferedImage img) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.75f);
            }
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    BufferedImage plot(PreviewData.Spectrum s) {
        BufferedImage img = new BufferedImage(PLOT_W, PLOT_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            // text only: the decimated spectrum is mostly vertical strokes, for which antialiasing
            // costs nine tenths of the drawing time and changes little
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, PLOT_W, PLOT_H);
            int left = 80;
            int right = PLOT_W - 20;
            int top = 30;
            int bottom = PLOT_H - 50;
            double[] xr = range(s.wave(), 0, 100);
            double[] yr = range(s.flux(), 0.5, 99.5);
            if (yr[0] == yr[1]) {
                yr[0] -= 1;
                yr[1] += 1;
            }
            double pad = (yr[1] - yr[0]) * 0.05;
            yr[0] -= pad;
            yr[1] += pad;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            g.drawRect(left, top, right - left, bottom - top);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= 5; i++) {
                double xv = xr[0] + (xr[1] - xr[0]) * i / 5;
                int x = left + (right - left) * i / 5;
                g.drawLine(x, bottom, x, bottom + 5);
                String l = label(xv);
                g.drawString(l, x - fm.stringWidth(l) / 2, bottom + 20);
                double yv = yr[0] + (yr[1] - yr[0]) * i / 5;
                int y = bottom - (bottom - top) * i / 5;
                g.drawLine(left - 5, y, left, y);
                String ly = label(yv);
                g.drawString(ly, left - 8 - fm.stringWidth(ly), y + 4);
            }
            String xl = "Wavelength (" + (s.unit() == null ? "?" : s.unit()) + ")";
            g.drawString(xl, (left + right - fm.stringWidth(xl)) / 2, PLOT_H - 12);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(s.title() == null ? "" : s.title(), left, top - 10);
            Path2D.Double line = decimated(s, xr, yr, left, right, top, bottom);
            g.setClip(left, top, right - left, bottom - top);
            g.setColor(new Color(0x1f, 0x4e, 0x9a));
            g.setStroke(new BasicStroke(1f));
            g.draw(line);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * The spectrum as a polyline with at most two points (minimum and maximum) per pixel column:
     * it looks the same as every point drawn, and costs the same for 2,000 or 200,000 points.
     */
    private static Path2D.Double decimated(PreviewData.Spectrum s, double[] xr, double[] yr, int left, int right,
                                           int top, int bottom) {
        Path2D.Double line = new Path2D.Double();
        boolean pen = false;
        int n = Math.min(s.wave().length, s.flux().length);
        int column = Integer.MIN_VALUE;
        double lo = 0;
        double hi = 0;
        for (int i = 0; i <= n; i++) {
            boolean valid = i < n && Double.isFinite(s.wave()[i]) && Double.isFinite(s.flux()[i]);
            int c = valid ? (int) Math.floor(left + (s.wave()[i] - xr[0]) / (xr[1] - xr[0]) * (right - left))
                    : Integer.MIN_VALUE;
            if (column != Integer.MIN_VALUE && (c != column || !valid)) {
                double yLo = bottom - (clamp(lo, yr) - yr[0]) / (yr[1] - yr[0]) * (bottom - top);
                double yHi = bottom - (clamp(hi, yr) - yr[0]) / (yr[1] - yr[0]) * (bottom - top);
                if (pen) {
                    line.lineTo(column, yLo);
                } else {
                    line.moveTo(column, yLo);
                    pen = true;
                }
                if (yHi != yLo) {
                    line.lineTo(column, yHi);
                }
                column = Integer.MIN_VALUE;
            }
            if (!valid) {
                pen = false;
                continue;
            }
            double y = s.flux()[i];
            if (column == Integer.MIN_VALUE) {
                column = c;
                lo = y;
                hi = y;
            } else {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        }
        return line;
    }

    private static double clamp(double v, double[] range) {
        return Math.max(range[0], Math.min(range[1], v));
    }

    BufferedImage picture(PreviewData.Picture p) {
        float[][] px = p.pixels();
        int rows = px.length;
        int cols = rows == 0 ? 0 : px[0].length;
        int step = Math.max(1, (Math.max(rows, cols) + MAX_SIDE - 1) / MAX_SIDE);
        int w = Math.max(1, cols / step);
        int h = Math.max(1, rows / step);
        double[] all = new double[rows * cols];
        int k = 0;
        for (float[] row : px) {
            for (float v : row) {
                all[k++] = v;
            }
        }
        double[] r = range(all, 0.5, 99.5);
        double span = r[1] > r[0] ? r[1] - r[0] : 1;
        double soft = 10;
        double norm = asinh(soft);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = px[y * step][x * step];
                double t = Float.isFinite(v) ? Math.max(0, Math.min(1, (v - r[0]) / span)) : 0;
                int grey = (int) Math.round(255 * asinh(t * soft) / norm);
                // FITS row 0 is the bottom of the image
                img.getRaster().setSample(x, h - 1 - y, 0, grey);
            }
        }
        return img;
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** The given percentiles of the finite values, or {0, 1} when there are none. */
    private static double[] range(double[] values, double lowPct, double highPct) {
        double[] f = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) {
            return new double[] {0, 1};
        }
        int lo = (int) Math.floor((f.length - 1) * lowPct / 100);
        int hi = (int) Math.ceil((f.length - 1) * highPct / 100);
        return new double[] {f[lo], f[hi]};
    }

    private static String label(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.3g", v);
    }
}
