"""Reads non-ASCII text from Meridian's TAP service with pyvo, in TABLEDATA and BINARY2.

Usage: /usr/bin/python3 pyvo_unicode_check.py TAP_URL
The service holds UnicodeResultTest's catalogue test.uni: id 1..3 with name
'東京', '✓ done', 'en–dash' (an en dash) and the ASCII code 'a', 'b', 'c'.
Exits 0 and prints 'pyvo unicode: OK' when every check passes; raises otherwise.
"""
import sys

import pyvo

service = pyvo.dal.TAPService(sys.argv[1])
expected = {1: "東京", 2: "✓ done", 3: "en–dash"}
query = "SELECT id, name, code, LOWER(name) AS low, 'Ωé€' AS lit FROM test.uni ORDER BY id"
for fmt in ("votable/td", "votable/b2", "votable/b"):
    result = service.run_sync(query, format=fmt)
    table = result.to_table()
    got = {int(row["id"]): str(row["name"]) for row in table}
    assert got == expected, (fmt, got)
    assert [str(c) for c in table["code"]] == ["a", "b", "c"], (fmt, list(table["code"]))
    assert [str(c) for c in table["low"]] == [expected[i].lower() for i in (1, 2, 3)], (fmt, list(table["low"]))
    assert all(str(c) == "Ωé€" for c in table["lit"]), (fmt, list(table["lit"]))
    fields = {f.name: f.datatype for f in result.votable.get_first_table().fields}
    assert fields["name"] == "unicodeChar" and fields["low"] == "unicodeChar" and fields["lit"] == "unicodeChar", fields
    assert fields["code"] == "char", fields
print("pyvo unicode: OK")
