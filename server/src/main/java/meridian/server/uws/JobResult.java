package meridian.server.uws;

/**
 * One result of a job, kept as a file in the job's directory.
 *
 * @param id       the result name ({@code result} for TAP)
 * @param file     file name inside the job directory
 * @param mimeType the Content-Type it is served with
 * @param size     bytes
 */
public record JobResult(String id, String file, String mimeType, long size) {
}
