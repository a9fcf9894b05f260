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

# asynchronous query: pyvo submits a UWS job, runs it, waits, reads the result and deletes the job
async_result = service.run_async("SELECT TOP 3 obs_id FROM ivoa.obscore ORDER BY obs_id")
assert [r["obs_id"] for r in async_result] == ["obs-00", "obs-01", "obs-02"], list(async_result)

# an uploaded table cross-matched with ObsCore by DISTANCE (obs-10 is at 20,0; obs-20 at 30,5)
from astropy.table import Table
mine = Table({"name": ["a", "b", "c"], "ra": [20.0, 30.0, 200.0], "dec": [0.0, 5.0, -60.0]})
matched = service.search(
    "SELECT u.name, o.obs_id FROM TAP_UPLOAD.mine AS u JOIN ivoa.obscore AS o"
    " ON DISTANCE(POINT('ICRS', u.ra, u.dec), POINT('ICRS', o.s_ra, o.s_dec)) < 1/3600."
    " ORDER BY u.name", uploads={"mine": mine})
assert [(r["name"], r["obs_id"]) for r in matched] == [("a", "obs-10"), ("b", "obs-20")], \
    [(r["name"], r["obs_id"]) for r in matched]
async_matched = service.run_async(
    "SELECT COUNT(*) AS n FROM TAP_UPLOAD.mine AS u JOIN ivoa.obscore AS o"
    " ON DISTANCE(POINT('ICRS', u.ra, u.dec), POINT('ICRS', o.s_ra, o.s_dec)) < 1/3600.",
    uploads={"mine": mine})
assert int(async_matched.to_table()["n"][0]) == 2, async_matched.to_table()

# authentication discovery from the capabilities: one interface, anonymous or HTTP Basic
from pyvo.auth import AuthSession, securitymethods
session = AuthSession()
session.update_from_capabilities(service.capabilities)
allowed = session._auth_urls.allowed_auth_methods(url + "/sync")
assert allowed == {securitymethods.ANONYMOUS, securitymethods.BASIC}, allowed
authed = pyvo.dal.TAPService(url, session=session)
assert len(authed.search("SELECT TOP 1 obs_id FROM ivoa.obscore")) == 1
session.credentials.set_password("nobody", "not a password")
try:
    authed.search("SELECT TOP 1 obs_id FROM ivoa.obscore")
    raise AssertionError("pyvo must send the (wrong) credentials by HTTP Basic, and be refused")
except (pyvo.dal.DALServiceError, pyvo.dal.DALQueryError) as e:
    assert "401" in str(e) or "credentials" in str(e).lower(), str(e)

print("pyvo: OK", pyvo.__version__, len(names), "tables")
