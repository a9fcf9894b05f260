"""Checks Meridian's simplified 1D FITS spectra with pyvo and astropy, as an astronomer would.

Usage: /usr/bin/python3 pyvo_simplified_check.py BASE_URL PUBDID...
The service holds the demo collections demo_echelle (1D image spectra) and demo_sdp (binary
table spectra); the PUBDIDs name spectra of each kind. For each, SSA (FORMAT=simplified) and
DataLink must both lead to the simplified file, and the wavelengths astropy's WCS gives its
pixels must be the original spectrum's (read as the Spectrum-DM VOTable SODA also serves).
Exits 0 and prints 'pyvo simplified: OK ...' when every check passes; raises otherwise.
"""
import io
import sys
import urllib.parse
import urllib.request
import warnings

import numpy as np
import pyvo
from astropy import units as u
from astropy.io import fits
from astropy.io.votable import parse_single_table
from astropy.wcs import WCS

MIME = "application/fits;content=simplified"
base = sys.argv[1]
ssa = pyvo.dal.SSAService(base + "/ssa")


def get(url):
    with urllib.request.urlopen(url) as r:
        return r.read()


def original(pubdid):
    """Wavelengths (m) and fluxes of the spectrum as stored."""
    query = urllib.parse.urlencode({"ID": pubdid, "RESPONSEFORMAT": "application/x-votable+xml"})
    table = parse_single_table(io.BytesIO(get(base + "/soda/sync?" + query)))
    wave = table.array["WAVE"].data.astype(float) * u.Unit(str(table.fields[0].unit)).to(u.m)
    return wave, table.array["FLUX"].data.astype(float)


checked = 0
for wanted in sys.argv[2:]:
    found = ssa.search(format="simplified", PUBDID=wanted)
    assert len(found) == 1, (wanted, len(found))
    collection = wanted.split("/")[-1].split("?")[0]
    for record in found:
        assert record.format == MIME, record.format
        pubdid = str(record["ssa_pubdid"])
        # DataLink, followed by pyvo from the SSA result's descriptor, offers the same file
        links = [row for row in record.getdatalink() if row["content_type"] == MIME]
        assert len(links) == 1, [row["content_type"] for row in record.getdatalink()]
        assert links[0]["semantics"] == "#this", links[0]["semantics"]
        for url in (record.getdataurl(), links[0]["access_url"]):
            with fits.open(io.BytesIO(get(url))) as hdul:
                assert len(hdul) == 1, len(hdul)
                header = hdul[0].header
                flux = hdul[0].data.astype(float)
                assert header["NAXIS"] == 1 and header["CTYPE1"] == "WAVE", header
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # FITS unit spellings astropy only warns about
                    wcs = WCS(header)
                pixels = np.arange(header["NAXIS1"])
                to_m = u.Unit(wcs.wcs.cunit[0]).to(u.m)
                wave = wcs.pixel_to_world_values(pixels) * to_m
                wave0, flux0 = original(pubdid)
                step = abs(header["CDELT1"]) * u.Unit(header["CUNIT1"]).to(u.m)
                assert len(wave) == len(wave0), (len(wave), len(wave0))
                assert np.max(np.abs(wave - wave0)) < 0.01 * step, np.max(np.abs(wave - wave0)) / step
                assert np.array_equal(flux, flux0, equal_nan=True)
                assert abs(header["WMIN"] * 1e-10 - wave0[0]) < 0.01 * step
                assert header["SURVEY"] == collection, header["SURVEY"]
                assert abs(header["RA"] - float(record.ra)) < 1e-9, (header["RA"], record.ra)
                checked += 1

print("pyvo simplified: OK", pyvo.__version__, checked, "files checked")
