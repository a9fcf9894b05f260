"""Checks Meridian's SSA service with pyvo, as an astronomer would use it.

Usage: /usr/bin/python3 pyvo_ssa_check.py SSA_URL
The service holds TestService's rows: spectra obs-00, obs-02, ... at ra = 10 + i, dec = -5 + i/2,
covering (400 + i .. 700 + i) nm, observed at MJD 58000 + i.
Exits 0 and prints 'pyvo ssa: OK ...' when every check passes; raises otherwise.
"""
import sys
import urllib.request

import pyvo

url = sys.argv[1]
service = pyvo.dal.SSAService(url)


def obs_ids(result):
    return sorted(str(r["ssa_pubdid"]).split("?")[-1] for r in result
                  if "/test?" in str(r["ssa_pubdid"]))


# SIZE is the diameter: 4 degrees around (20, 0) reach 2 degrees, not the spectra 2.24 degrees away
assert obs_ids(service.search(pos=(20.0, 0.0), diameter=4.0)) == ["obs-10"]
assert obs_ids(service.search(pos=(20.0, 0.0), diameter=4.6)) == ["obs-08", "obs-10", "obs-12"]

# band (metres) and time (ISO 8601) narrow the search
near = service.search(pos=(20.0, 0.0), diameter=4.6, band=(7.11e-7, 8e-7))
assert obs_ids(near) == ["obs-12"], obs_ids(near)
when = service.search(pos=(20.0, 0.0), diameter=4.6, time=("2017-09-12T00:00:00", "2017-09-12T12:00:00"))
assert obs_ids(when) == ["obs-08"], obs_ids(when)

# records expose the SSA metadata by utype
record = near[0]
assert record.format == "application/fits", record.format
assert record.acref.endswith("obs-12.fits"), record.acref
assert record.getdataurl() == record.acref
assert abs(record.ra - 22.0) < 1e-9 and abs(record.dec - 1.0) < 1e-9, (record.ra, record.dec)
assert record.title, record.title
# SSA 1.1's mandatory fields, found by utype as clients find them
assert str(record.getbyutype("ssa:Dataset.DataModel")) == "Spectrum-1.1", record.getbyutype("ssa:Dataset.DataModel")
assert str(record.getbyutype("ssa:Curation.Publisher")), record.getbyutype("ssa:Curation.Publisher")
assert int(record.getbyutype("ssa:Dataset.Length")) > 0, record.getbyutype("ssa:Dataset.Length")
assert near.fieldname_with_utype("ssa:Target.Redshift") == "ssa_redshift"

# a real spectrum found by position is downloadable from its access reference
demo = service.search(pos=(26.017, -15.9375), diameter=0.2)
assert len(demo) > 0, "no demo spectrum of HD 10700"
with urllib.request.urlopen(demo[0].getdataurl()) as r:
    head = r.read(30)
assert head.startswith(b"SIMPLE  ="), head

# errors surface as pyvo errors carrying the service's message
try:
    service.search(pos=(20.0, 0.0), diameter=500)
    raise AssertionError("SIZE=500 must fail")
except (pyvo.dal.DALQueryError, pyvo.dal.DALServiceError) as e:
    assert "SIZE" in str(e), str(e)

print("pyvo ssa: OK", pyvo.__version__, len(demo), "demo spectra of HD 10700")
