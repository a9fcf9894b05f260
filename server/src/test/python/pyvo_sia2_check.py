"""Checks Meridian's SIA 2.0 service with pyvo's SIA2Service, as an astronomer would use it.

Usage: /usr/bin/python3 pyvo_sia2_check.py SIA_BASE_URL
The service holds TestService's images obs-01, obs-03, ... (odd i) at ra = 10 + i, dec = -5 + i/2,
each a 0.1 degree box, observed at MJD 58000 + i, covering (400 + i .. 700 + i) nm.
Exits 0 and prints 'pyvo sia2: OK ...' when every check passes; raises otherwise.
"""
import sys

import astropy.units as u
import pyvo
from astropy.time import Time
from pyvo.dal import sia2
from pyvo.dal.exceptions import DALQueryError

# pyvo 1.4 calls it pyvo.dal.SIA2Service; Debian's pyvo 1.2 has it as pyvo.dal.sia2.SIAService.
# Either finds /sia/query in the VOSI capabilities.
service = getattr(pyvo.dal, "SIA2Service", sia2.SIAService)(sys.argv[1])


def obs_ids(result):
    return sorted(str(r.obs_publisher_did).split("?")[-1] for r in result)


# a circle that only touches the footprint's edge still finds the image (POS intersects s_region)
assert obs_ids(service.search(pos=(19.1 * u.deg, -0.5 * u.deg, 0.06 * u.deg))) == ["obs-09"]
# several positions are alternatives; a range and a polygon
both = service.search(pos=[(19, -0.5, 0.1), (21, 0.5, 0.1)])
assert obs_ids(both) == ["obs-09", "obs-11"], obs_ids(both)
assert obs_ids(service.search(pos=(18.5, 21.5, -1, 1))) == ["obs-09", "obs-11"]
assert obs_ids(service.search(pos=(18.9, -0.6, 19.1, -0.6, 19.1, -0.4))) == ["obs-09"]

# band (metres, open end), time (MJD), collection, calibration level: AND across parameters
red = service.search(band=(7.12e-7, float("inf")), collection="alpha")
assert obs_ids(red) == ["obs-13", "obs-15", "obs-17", "obs-19", "obs-21", "obs-23"], obs_ids(red)
when = service.search(time=(Time(58003, format="mjd"), Time(58005.5, format="mjd")), calib_level=[2, 3])
assert obs_ids(when) == ["obs-03", "obs-05"], obs_ids(when)

# records are ObsCore records, with their DataLink
record = both[0]
assert record.dataproduct_type == "image", record.dataproduct_type
assert record.access_url.endswith("obs-09.fits"), record.access_url
assert abs(float(record["s_ra"]) - 19.0) < 1e-9 and abs(float(record["s_dec"]) + 0.5) < 1e-9
assert both.get_adhocservice_by_ivoid("ivo://ivoa.net/std/DataLink#links-1.1") is not None

# MAXREC truncates
assert len(service.search(collection="alpha", maxrec=2)) == 2

try:
    service.search(pos=(10, 100, 1))
    raise AssertionError("a declination of 100 was accepted")
except (DALQueryError, ValueError) as e:
    pass

print("pyvo sia2: OK", len(both), "images by position,", len(red), "by band")
