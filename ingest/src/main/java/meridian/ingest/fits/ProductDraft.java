package meridian.ingest.fits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One product as a loader sees it, before the collection's mapping and the ingestor's
 * identifiers are applied: the ObsCore values the file itself gives (by column name: Double,
 * Long, String or Instant), its keywords, and how to address it within the file. Mutable; owned
 * by one ingest of one file.
 */
public final class ProductDraft {

    private final HeaderView keywords;
    private final String suffix;
    private final String fragment;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final PreviewData.Source preview;

    /**
     * @param keywords the product's keywords
     * @param suffix   obs_id suffix within a multi-product file, or "" for a single product
     * @param fragment where in the file it is (e.g. {@code SPEC2} or {@code 3} for the HDU), or null
     * @param preview  reads its preview data
     */
    public ProductDraft(HeaderView keywords, String suffix, String fragment, PreviewData.Source preview) {
        this.keywords = keywords;
        this.suffix = suffix;
        this.fragment = fragment;
        this.preview = preview;
    }

    public HeaderView keywords() {
        return keywords;
    }

    public String suffix() {
        return suffix;
    }

    public String fragment() {
        return fragment;
    }

    public Map<String, Object> values() {
        return values;
    }

    public PreviewData.Source preview() {
        return preview;
    }

    /** Sets a column unless {@code value} is null. */
    public ProductDraft put(String column, Object value) {
        if (value != null) {
            values.put(column, value);
        }
        return this;
    }
}
