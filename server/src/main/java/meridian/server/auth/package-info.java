/**
 * Who is asking and what they may see. {@link meridian.server.auth.UserStore} holds users
 * (PBKDF2 password hashes, groups) and bearer tokens (stored as SHA-256 hashes) in
 * {@code <data_dir>/auth/}; {@link meridian.server.auth.AuthFilter} turns each request's
 * {@code Authorization} header into an {@link meridian.server.auth.Identity} (anonymous when
 * there is none, 401 when it is wrong); {@link meridian.server.auth.AccessPolicy} turns an
 * identity and the collections' rights into the one row filter every protocol queries through;
 * {@link meridian.server.auth.WorkLimiter} bounds the expensive work of each client and of all
 * running at once; {@link meridian.server.auth.RateLimiter} optionally bounds their request rate.
 */
package meridian.server.auth;
