package meridian.ingest.fits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import meridian.ingest.mapping.KeywordSource;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;

/**
 * Keywords of one product, looked up in order: per-row values of a multi-spectrum table (its
 * scalar columns act as keywords), the HDU's own header, then the primary header. Not
 * thread-safe; one per product.
 */
public final class HeaderView implements KeywordSource {

    private final Map<String, Object> row;
    private final List<Header> headers;

    private HeaderView(Map<String, Object> row, List<Header> headers) {
        this.row = row;
        this.headers = headers;
    }

    /** The keywords of an HDU that inherits from the primary header. */
    public static HeaderView of(Header hdu, Header primary) {
        List<Header> hs = new ArrayList<>();
        hs.add(hdu);
        if (primary != null && primary != hdu) {
            hs.add(primary);
        }
        return new HeaderView(Map.of(), hs);
    }

    /** The same headers with a table row's scalar values in front (keys upper case). */
    public HeaderView withRow(Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k.toUpperCase(Locale.ROOT), v));
        return new HeaderView(m, headers);
    }

    /** The HDU's own header. */
    public Header header() {
        return headers.get(0);
    }

    private HeaderCard card(String keyword) {
        String key = cardKey(keyword);
        for (Header h : headers) {
            HeaderCard c = h.findCard(key);
            if (c != null && c.getValue() != null) {
                return c;
            }
        }
        return null;
    }

    /**
     * The key nom-tam-fits files a card under: HIERARCH keywords, written as in the header
     * ({@code HIERARCH ESO OBS PROG ID}) or without the prefix ({@code ESO OBS PROG ID}), are
     * {@code HIERARCH.ESO.OBS.PROG.ID}; plain keywords are themselves.
     */
    static String cardKey(String keyword) {
        String k = keyword.trim();
        if (k.indexOf(' ') < 0 && k.indexOf('.') < 0) {
            return k;
        }
        k = k.replaceAll("[\\s.]+", ".");
        return k.toUpperCase(Locale.ROOT).startsWith("HIERARCH.") ? k : "HIERARCH." + k;
    }

    @Override
    public boolean has(String keyword) {
        Object r = row.get(keyword.toUpperCase(Locale.ROOT));
        return r != null || card(keyword) != null;
    }

    @Override
    public String string(String keyword) {
        Object r = row.get(keyword.toUpperCase(Locale.ROOT));
        if (r != null) {
            return r.toString().trim();
        }
        HeaderCard c = card(keyword);
        return c == null ? null : c.getValue().trim();
    }

    @Override
    public Double number(String keyword) {
        Object r = row.get(keyword.toUpperCase(Locale.ROOT));
        if (r instanceof Number n) {
            return n.doubleValue();
        }
        String s = string(keyword);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.replace('D', 'E'));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Object value(String keyword) {
        Object r = row.get(keyword.toUpperCase(Locale.ROOT));
        if (r instanceof Number n) {
            return n.doubleValue();
        }
        if (r != null) {
            return r.toString().trim();
        }
        HeaderCard c = card(keyword);
        if (c == null) {
            return null;
        }
        if (c.isStringValue()) {
            return c.getValue().trim();
        }
        Double d = number(keyword);
        return d != null ? d : c.getValue().trim();
    }

    @Override
    public String commentUnit(String keyword) {
        if (row.containsKey(keyword.toUpperCase(Locale.ROOT))) {
            return null;
        }
        HeaderCard c = card(keyword);
        return c == null ? null : KeywordSource.unitOfComment(c.getComment());
    }

    /** A number the loader cannot do without. */
    public double required(String keyword, int hdu) throws LoadException {
        Double d = number(keyword);
        if (d == null) {
            if (has(keyword)) {
                throw new LoadException("keyword " + keyword + " in HDU " + hdu + " is not a number: '"
                        + string(keyword) + "'");
            }
            throw LoadException.missingKeyword(keyword, hdu);
        }
        return d;
    }

    /** The first present numeric keyword of {@code keywords}, or null. */
    public Double first(String... keywords) {
        for (String k : keywords) {
            Double d = number(k);
            if (d != null) {
                return d;
            }
        }
        return null;
    }
}
