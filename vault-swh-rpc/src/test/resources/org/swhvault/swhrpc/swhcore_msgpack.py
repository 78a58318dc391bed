"""swh-core's msgpack encoding, rewritten for swhvault's test vectors (needs only python3-msgpack).

Written from the behaviour of swh-core's swh/core/api/serializers.py at commit
4009b514858931b86740ee38874efe7b9e9ba465 (2026-07-08): msgpack.packb with use_bin_type=True and datetime=True
(aware datetimes become msgpack Timestamps, extension -1); integers msgpack cannot hold become extension 1
(positive) or 2 (negative, magnitude) with the minimal big-endian bytes; every other value the encoders know is
the map {b"swhtype": name, b"d": payload}, swh-core's own encoders (uuid, timedelta, paged_result, exception)
tried before a service's extra ones, in order. It is not swh-core's code (GPL): `verify_against` imports the real
module from a checkout and checks that both write the same bytes.
"""
import dataclasses
import datetime
import traceback
import uuid
from typing import Any, List, Optional

import msgpack

SWH_CORE_COMMIT = "4009b514858931b86740ee38874efe7b9e9ba465"


@dataclasses.dataclass
class PagedResult:
    """swh.core.api.classes.PagedResult: its fields, in its order."""

    results: List[Any] = dataclasses.field(default_factory=list)
    next_page_token: Optional[Any] = None
    total_results: Optional[int] = None


def exception_body(exc: BaseException) -> dict:
    """What swh-core's error handler writes for an exception: type, module, args, message, traceback."""
    return {
        "type": type(exc).__name__,
        "module": type(exc).__module__,
        "args": exc.args,
        "message": str(exc),
        "traceback": traceback.format_exception(None, exc, exc.__traceback__),
    }


def _timedelta(td: datetime.timedelta) -> dict:
    return {"days": td.days, "seconds": td.seconds, "microseconds": td.microseconds}


CORE_ENCODERS = [
    (uuid.UUID, "uuid", str),
    (datetime.timedelta, "timedelta", _timedelta),
    (PagedResult, "paged_result", dataclasses.asdict),
    (Exception, "exception", exception_body),
]


def dumps(value: Any, extra_encoders=()) -> bytes:
    """msgpack_dumps(value, extra_encoders=...) as swh-core writes it."""
    encoders = CORE_ENCODERS + list(extra_encoders)

    def default(obj):
        if isinstance(obj, int):  # only called for the integers msgpack cannot hold
            code, magnitude = (1, obj) if obj > 0 else (2, -obj)
            return msgpack.ExtType(code, magnitude.to_bytes((magnitude.bit_length() + 7) // 8, "big"))
        for type_, name, encode in encoders:
            if isinstance(obj, type_):
                return {b"swhtype": name, b"d": encode(obj)}
        raise TypeError(f"cannot encode {obj!r}")

    return msgpack.packb(value, use_bin_type=True, datetime=True, default=default)


def write_vectors(vectors: dict, comment: str, script: str, default_name: str) -> dict:
    """Writes {"comment", "vectors"} as sorted JSON to --out FILE, else to `default_name` beside `script`;
    returns the command line's options."""
    import json
    import os
    import sys

    args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    path = args.get("--out", os.path.join(os.path.dirname(os.path.abspath(script)), default_name))
    with open(path, "w") as f:
        json.dump({"comment": comment, "vectors": vectors}, f, indent=1, sort_keys=True)
        f.write("\n")
    return args


def verify_against(swh_core_dir: str, cases, extra_encoders=()):
    """Checks that swh-core's own msgpack_dumps, imported from `swh_core_dir` (a checkout of the commit above,
    with stand-ins for its imports that the encoder does not use), writes the bytes `dumps` writes."""
    import os
    import sys
    import types

    for name in ("iso8601", "requests"):  # imported by serializers.py, unused by msgpack_dumps
        stub = types.ModuleType(name)
        stub.parse_date = None
        stub.Response = object
        sys.modules.setdefault(name, stub)
    # the packages themselves, without running swh/core/api/__init__.py (it needs Flask)
    for package in ("swh", "swh.core", "swh.core.api"):
        module = types.ModuleType(package)
        module.__path__ = [os.path.join(swh_core_dir, *package.split("."))]
        sys.modules.setdefault(package, module)
    from swh.core.api import classes, serializers  # noqa: E402

    def real(value):
        # the real PagedResult class, so that the real encoder recognises it
        if isinstance(value, PagedResult):
            return classes.PagedResult(real(value.results), real(value.next_page_token), value.total_results)
        if isinstance(value, list):
            return [real(v) for v in value]
        if isinstance(value, dict):
            return {real(k): real(v) for k, v in value.items()}
        return value

    for case, value in cases:
        ours = dumps(value, extra_encoders)
        theirs = serializers.msgpack_dumps(real(value), extra_encoders=list(extra_encoders))
        if ours != theirs:
            raise SystemExit(f"{case}: swh-core writes {theirs.hex()}, we write {ours.hex()}")
    print(f"{len(cases)} vectors: the same bytes as swh-core's msgpack_dumps", file=sys.stderr)
