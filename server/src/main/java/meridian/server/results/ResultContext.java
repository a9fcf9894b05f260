package meridian.server.results;

import java.util.List;

/**
 * What a result document says besides its rows.
 *
 * @param infos        name/value INFO items written before the table (e.g. the query text)
 * @param trailingXml  VOTable fragments written after the results RESOURCE (e.g. DataLink service
 *                     descriptors); ignored by non-VOTable formats
 */
public record ResultContext(List<Info> infos, List<String> trailingXml) {

    public ResultContext {
        infos = List.copyOf(infos);
        trailingXml = List.copyOf(trailingXml);
    }

    /** An INFO element: name, value and optional content. */
    public record Info(String name, String value, String content) {
    }

    public static ResultContext empty() {
        return new ResultContext(List.of(), List.of());
    }
}
