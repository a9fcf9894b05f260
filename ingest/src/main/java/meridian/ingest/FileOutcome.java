package meridian.ingest;

/** What happened to one science file during an ingest. */
public enum FileOutcome {
    /** New: its products were written. */
    INGESTED,
    /** Changed since the last ingest (content of it or an ancillary file): its products were replaced. */
    UPDATED,
    /** Same checksums as stored: nothing written. */
    UNCHANGED,
    /** Not ingested; the report says why. Rows of an earlier ingest of it are kept. */
    SKIPPED
}
