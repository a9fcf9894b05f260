"""Checks a Meridian TAP service with pyvo, as an astronomer would use it.

Usage: /usr/bin/python3 pyvo_check.py TAP_URL
Exits 0 and prints 'pyvo: OK ...' when every check passes; raises otherwise.
"""
import sys

import pyvo

url = sys.argv[1]
service = pyvo.dal.TAPService(url)

# .tables reads VOSI tables
names = [t.name for t in service.tables]
assert "ivoa.obscore" in names, names
obscore = service.tables["ivoa.obscore"]
columns = {c.name: c for c in obscore.columns}
assert columns["s_ra"].unit == "deg", columns["s_ra"].unit

# a sync search returns rows with their metadata
result = service.search("SELECT TOP 5 obs_id, s_ra, s_dec FROM ivoa.obscore ORDER BY obs_id")
assert len(result) == 5, len(result)
table = result.to_table()
assert str(table["s_ra"].unit) == "deg", table["s_ra"].unit
assert table["obs_id"][0] == "obs-00", table["obs_id"][0]

# overflow is reported through MAXREC
capped = service.search("SELECT obs_id FROM ivoa.obscore", maxrec=3)
assert len(capped) == 3 and capped.query_status == "OVERFLOW", (len(capped), capped.query_status)

# a cone search with ADQL geometry
cone = service.search(
    "SELECT obs_id FROM ivoa.obscore "
    "WHERE CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 20, 0, 0.6)) = 1")
assert [r["obs_id"] for r in cone] == ["obs-10"], [r["obs_id"] for r in cone]

# errors surface as DALQueryError with the service's message
try:
    service.search("SELECT nosuchcolumn FROM ivoa.obscore")
    raise AssertionError("an unknown column must fail")
except pyvo.dal.DALQueryError as e:
    assert "nosuchcolumn" in str(e), str(e)

print("pyvo: OK", pyvo.__version__, len(names), "tables")
