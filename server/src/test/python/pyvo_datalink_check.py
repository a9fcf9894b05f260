"""DataLink and SODA from pyvo, as an astronomer would use them after a TAP query.

Usage: /usr/bin/python3 pyvo_datalink_check.py TAP_URL
Prints 'pyvo datalink: OK' when every check passes; raises otherwise.
"""
import io
import sys

import pyvo
from astropy.io import fits
from pyvo.dal.adhoc import DatalinkResults, SodaQuery

url = sys.argv[1]
service = pyvo.dal.TAPService(url)

result = service.search(
    "SELECT TOP 2 obs_publisher_did, s_ra, s_dec FROM ivoa.obscore "
    "WHERE obs_collection = 'demo_images' ORDER BY obs_id")
assert len(result) == 2, len(result)

# the service descriptor in the TAP result leads to the links of every row
n = 0
for links in result.iter_datalinks():
    # by the semantics column: bysemantics() fetches the vocabulary from the network
    this = [r for r in links if r.semantics == "#this" and r.content_type == "application/fits"]
    assert len(this) == 1, [r.access_url for r in this]
    assert this[0].content_type == "application/fits", this[0].content_type
    # DataLink 1.1: a public product's links need no credentials and this caller may use them
    assert this[0]["link_auth"] == "optional", this[0]["link_auth"]
    assert bool(this[0]["link_authorized"]) is True, this[0]["link_authorized"]
    n += 1
assert n == 2, n

# the links document read directly, and its SODA descriptor used for a cutout
did = result[0]["obs_publisher_did"]
links = DatalinkResults.from_result_url(url.rsplit("/tap", 1)[0] + "/datalink/links?ID=" + did)
cutout = next(r for r in links if r.semantics == "#cutout")
soda = SodaQuery.from_resource(cutout, links.get_adhocservice_by_id(cutout.service_def))
soda.circle = (float(result[0]["s_ra"]), float(result[0]["s_dec"]), 0.003)
data = soda.execute_stream().read()
hdu = fits.open(io.BytesIO(data))[0]
assert hdu.header["NAXIS"] == 2 and hdu.header["NAXIS1"] < 100, repr(hdu.header)

print("pyvo datalink: OK", pyvo.__version__)
