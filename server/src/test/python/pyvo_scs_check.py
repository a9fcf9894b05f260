"""Checks Meridian's Simple Cone Search with pyvo's SCSService, as an astronomer would use it.

Usage: /usr/bin/python3 pyvo_scs_check.py BASE_URL
The service holds TestService's ObsCore rows obs-NN at ra = 10 + i, dec = -5 + i/2, and the demo
catalogue demo.sources with a counterpart within an arcsecond of every even row.
Exits 0 and prints 'pyvo scs: OK ...' when every check passes; raises otherwise.
"""
import sys

import pyvo
from pyvo.dal.exceptions import DALQueryError

base = sys.argv[1]
obscore = pyvo.dal.SCSService(base + "/scs/ivoa.obscore")

# 1.2 degrees around (20, 0) reach obs-09, obs-10, obs-11 (1.118 deg), not obs-08/obs-12 (2.236 deg)
found = obscore.search(pos=(20.0, 0.0), radius=1.2)
ids = sorted(str(r.id).split("?")[-1] for r in found)
assert ids == ["obs-09", "obs-10", "obs-11"], ids
# the SCS 1.03 UCDs give each record its position and identifier
record = [r for r in found if str(r.id).endswith("obs-10")][0]
assert abs(record.pos.ra.deg - 20.0) < 1e-9 and abs(record.pos.dec.deg) < 1e-9, record.pos

# VERB: 1 identifier and position, 3 every column
narrow = obscore.search(pos=(20.0, 0.0), radius=0.5, verbosity=1)
assert len(narrow.fieldnames) == 3, narrow.fieldnames
wide = obscore.search(pos=(20.0, 0.0), radius=0.5, verbosity=3)
assert len(wide.fieldnames) > len(obscore.search(pos=(20.0, 0.0), radius=0.5).fieldnames), wide.fieldnames
assert "s_region" in wide.fieldnames

# a catalogue: the integer source_id is the identifier, as text
sources = pyvo.dal.SCSService(base + "/scs/demo.sources").search(pos=(20.0, 0.0), radius=1 / 3600)
assert len(sources) == 1, len(sources)
assert str(sources[0].id).isdigit(), sources[0].id

# errors come back as DAL query errors with the service's message
try:
    obscore.search(pos=(20.0, 0.0), radius=50)
    raise AssertionError("SR above the maximum was accepted")
except DALQueryError as e:
    assert "SR" in str(e), str(e)

print("pyvo scs: OK", len(found), "obscore rows,", len(sources), "catalogue row")
