/**
 * OAI-PMH 2.0 as IVOA Registry Interfaces 1.1 uses it: the publishing registry at {@code /oai}
 * serving the records of {@link meridian.server.registry.PublishedRecords} in {@code ivo_vor}
 * (VOResource) and {@code oai_dc}, with the set {@code ivo_managed}, selective harvesting by date
 * and stateless resumption tokens. {@link meridian.server.oai.OaiRequest} parses the arguments,
 * {@link meridian.server.oai.OaiRepository} answers (HTTP-free); {@link meridian.server.oai.OaiServlet}
 * only carries the request and response.
 */
package meridian.server.oai;
