#!/usr/bin/python3
"""Writes core-vectors.json: values encoded as swh-core's msgpack_dumps encodes them (see swhcore_msgpack.py for
the swh-core commit this mirrors). SwhMsgpackVectorsTest decodes each vector into the Java value of the same name
and encodes that value back to the same bytes.

    /usr/bin/python3 gen_core_vectors.py                   # rewrites core-vectors.json beside this script
    /usr/bin/python3 gen_core_vectors.py --out FILE        # writes FILE instead
    /usr/bin/python3 gen_core_vectors.py --verify SWH_CORE # also checks the bytes against swh-core's own encoder,
                                                           # SWH_CORE a checkout of swh-core (the directory of swh/)
"""
import datetime
import os
import sys
import uuid

import msgpack

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swhcore_msgpack import (SWH_CORE_COMMIT, PagedResult, dumps, exception_body, verify_against,  # noqa: E402
                             write_vectors)

UTC = datetime.timezone.utc
INTS = [0, 1, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1,
        -1, -32, -33, -128, -129, -(2**15), -(2**15) - 1, -(2**31), -(2**31) - 1, -(2**63)]
cases = [
    ("kwargs", {"directory_id": bytes(range(20)), "page_token": None, "limit": 1000}),
    ("ints", INTS),
    ("big_ints", [2**64, 2**100 + 7, -(2**63) - 1, -(2**80)]),
    ("floats", [1.5, -0.25, 1e300]),
    ("strings", ["", "a" * 31, "b" * 32, "é" * 200, "ünïcödé ✓"]),
    ("bytes", [b"", b"\x00\xff", b"x" * 300]),
    ("bool_nil", [True, False, None]),
    ("datetimes", [datetime.datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
                   datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
                   datetime.datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC),
                   datetime.datetime(2500, 1, 1, tzinfo=UTC),
                   datetime.datetime(2025, 1, 2, 5, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))]),
    ("uuid", uuid.UUID("7d5d6a3c-1b2e-4f00-9a8b-0123456789ab")),
    ("timedeltas", [datetime.timedelta(days=1, seconds=2, microseconds=3),
                    datetime.timedelta(microseconds=-1), datetime.timedelta(0)]),
    ("paged_result", PagedResult(results=[b"a", b"b"], next_page_token=b"c")),
    ("last_page", PagedResult(results=[], next_page_token=None, total_results=2)),
    ("exception", ValueError("boom", 3)),
    ("error_body", exception_body(ValueError("Unsupported page token"))),
    ("bin_keys", {b"refs/heads/main": {"target": bytes(20), "n": 1}, b"HEAD": None, "str": b"v"}),
    ("nested", [[[]], {}, [{"a": [None]}]]),
]
# Written by hand, as older swh-core wrote them, for what the decoder still reads:
legacy = [
    ("legacy_datetime", {b"swhtype": "datetime", b"d": "2015-01-01T12:00:00+02:00"}),
    ("legacy_naive_datetime", {b"swhtype": "datetime", b"d": "2015-01-01T12:00:00.5"}),
    ("unknown_extra_type", {b"swhtype": "future_type", b"d": [1, 2]}),
]


def main():
    vectors = {name: dumps(value).hex() for name, value in cases}
    for name, value in legacy:
        vectors[name] = msgpack.packb(value, use_bin_type=True).hex()
    vectors["bin32_prefix"] = dumps(b"\x00" * 65536)[:5].hex()
    args = write_vectors(vectors, "swh-core msgpack_dumps vectors, swh-core commit " + SWH_CORE_COMMIT
                         + "; written by gen_core_vectors.py", __file__, "core-vectors.json")
    if "--verify" in args:
        verify_against(args["--verify"], cases)


if __name__ == "__main__":
    main()
