package meridian.server.oai;

/** The OAI-PMH 2.0 error codes, spelled as the protocol spells them. */
public enum OaiErrorCode {
    badArgument,
    badResumptionToken,
    badVerb,
    cannotDisseminateFormat,
    idDoesNotExist,
    /** Never sent: every record has both formats. */
    noMetadataFormats,
    noRecordsMatch,
    /** Never sent: sets are supported ({@code ivo_managed}). */
    noSetHierarchy
}
