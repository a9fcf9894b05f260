/**
 * SSA 1.1 (Simple Spectral Access) without HTTP: {@link meridian.ssa.SsaParameters#parse parse} the
 * queryData parameters into typed values, {@link meridian.ssa.TargetResolver resolve} TARGETNAME
 * against the names the archive knows, {@link meridian.ssa.SsaQuery build} an ADQL query on
 * {@code ivoa.obscore} (spectra only) from those typed values, and describe the result
 * ({@link meridian.ssa.SsaFields}) and the service's inputs ({@link meridian.ssa.SsaInputs}) with
 * the SSA utypes and UCDs. The {@code server} module plans the ADQL with the same translator as
 * TAP (so the positional index is used on every backend), runs it and writes the VOTable.
 */
package meridian.ssa;
