#!/usr/bin/python3
"""Writes storage-vectors.json: the requests swh-storage's RPC client sends for the calls the swh-storage-rpc
source makes, and answers and error bodies its server sends, encoded as swh-core's msgpack_dumps encodes them with
swh-storage's extra encoders.

Mirrors, without their code (GPL): swh-storage 6372b2258f9dbf66d724d1514b488cc6268c1273 (swh/storage/interface.py:
method signatures; swh/storage/api/serializers.py: ENCODERS; swh/storage/exc.py: exceptions and their str();
swh/storage/api/server.py: which bodies carry the extra encoders), swh-model c32a818f7afbb69bd495e8cf34065d042520558c
(swh/model/model.py: to_dict shapes, Person.from_fullname), swh-core 4009b514858931b86740ee38874efe7b9e9ba465
(through ../../../../../../../../vault-swh-rpc/src/test/resources/org/swhvault/swhrpc/swhcore_msgpack.py; its
RPCClient sends inspect.getcallargs of the interface method, self removed).

    /usr/bin/python3 gen_storage_vectors.py [--out FILE] [--verify SWH_CORE]
"""
import datetime
import enum
import inspect
import os
import sys
import uuid


def _find_core():
    here = os.path.dirname(os.path.abspath(__file__))
    d = here
    while d != os.path.dirname(d):
        candidate = os.path.join(d, "vault-swh-rpc", "src", "test", "resources", "org", "swhvault", "swhrpc")
        if os.path.exists(os.path.join(candidate, "swhcore_msgpack.py")):
            return candidate
        d = os.path.dirname(d)
    raise SystemExit("cannot find vault-swh-rpc's swhcore_msgpack.py above " + here)


sys.path.insert(0, _find_core())
from swhcore_msgpack import PagedResult, dumps, exception_body, verify_against, write_vectors  # noqa: E402

UTC = datetime.timezone.utc


# --- swh-model's to_dict shapes ---

class Model:
    def to_dict(self):
        raise NotImplementedError


def from_fullname(fullname):
    """Person.from_fullname: name and email guessed from `name <email>`, the full name kept."""
    if b"<" not in fullname:
        return Person(fullname, fullname or None, None)
    i = fullname.index(b"<")
    raw_name, raw_email = fullname[:i], fullname[i + 1:]
    name = raw_name.strip() if raw_name else None
    email = raw_email[:raw_email.rindex(b">")] if b">" in raw_email else raw_email
    return Person(fullname, name or None, email or None)


class Person(Model):
    def __init__(self, fullname, name, email):
        self.fullname, self.name, self.email = fullname, name, email

    def to_dict(self):
        return {"fullname": self.fullname, "name": self.name, "email": self.email}


class Date(Model):
    """TimestampWithTimezone."""

    def __init__(self, seconds, microseconds, offset_bytes):
        self.seconds, self.microseconds, self.offset_bytes = seconds, microseconds, offset_bytes

    def to_dict(self):
        return {"timestamp": {"seconds": self.seconds, "microseconds": self.microseconds},
                "offset_bytes": self.offset_bytes}


class Revision(Model):
    def __init__(self, id, directory, parents, author, date, committer, committer_date, message,
                 extra_headers=(), type="git", synthetic=False, metadata=None, raw_manifest=None):
        self.__dict__.update(locals())
        del self.__dict__["self"]

    def to_dict(self):
        d = {"message": self.message,
             "author": self.author.to_dict() if self.author else None,
             "committer": self.committer.to_dict() if self.committer else None,
             "date": self.date.to_dict() if self.date else None,
             "committer_date": self.committer_date.to_dict() if self.committer_date else None,
             "type": self.type, "directory": self.directory, "synthetic": self.synthetic,
             "metadata": self.metadata, "parents": tuple(self.parents), "id": self.id,
             "extra_headers": tuple(tuple(h) for h in self.extra_headers)}
        if self.raw_manifest is not None:
            d["raw_manifest"] = self.raw_manifest
        return d


class Release(Model):
    def __init__(self, id, name, message, target, target_type, synthetic=False, author=None, date=None,
                 raw_manifest=None):
        self.__dict__.update(locals())
        del self.__dict__["self"]

    def to_dict(self):
        d = {"name": self.name, "message": self.message, "target": self.target, "target_type": self.target_type,
             "synthetic": self.synthetic, "author": self.author.to_dict() if self.author else None,
             "date": self.date.to_dict() if self.date else None, "id": self.id}
        if self.raw_manifest is not None:
            d["raw_manifest"] = self.raw_manifest
        return d


class DirectoryEntry(Model):
    def __init__(self, name, type, target, perms):
        self.name, self.type, self.target, self.perms = name, type, target, perms

    def to_dict(self):
        return {"name": self.name, "type": self.type, "target": self.target, "perms": self.perms}


class SnapshotBranch(Model):
    def __init__(self, target, target_type):
        self.target, self.target_type = target, target_type

    def to_dict(self):
        return {"target": self.target, "target_type": self.target_type}


class Content(Model):
    def __init__(self, sha1, sha1_git, sha256, blake2s256, length, status, ctime):
        self.__dict__.update(locals())
        del self.__dict__["self"]

    def to_dict(self):
        return {"sha1": self.sha1, "sha1_git": self.sha1_git, "sha256": self.sha256, "blake2s256": self.blake2s256,
                "length": self.length, "status": self.status, "ctime": self.ctime}


class SkippedContent(Model):
    def __init__(self, sha1, sha1_git, sha256, blake2s256, length, reason, origin, ctime):
        self.__dict__.update(locals())
        del self.__dict__["self"]

    def to_dict(self):
        d = {"sha1": self.sha1, "sha1_git": self.sha1_git, "sha256": self.sha256, "blake2s256": self.blake2s256,
             "length": self.length, "status": "absent", "reason": self.reason}
        if self.origin is not None:
            d["origin"] = self.origin
        if self.ctime is not None:
            d["ctime"] = self.ctime
        return d


# --- swh-storage's extra encoders and exceptions ---

class ExtendedSWHID:
    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text

    def __hash__(self):
        return hash(self.text)


class MaskedState(enum.Enum):
    VISIBLE = enum.auto()
    DECISION_PENDING = enum.auto()
    RESTRICTED = enum.auto()


class MaskedStatus:
    def __init__(self, state, request):
        self.state, self.request = state, request


def _model(obj):
    d = obj.to_dict()
    d["__type__"] = type(obj).__name__
    return d


STORAGE_ENCODERS = [
    (Model, "model", _model),
    (ExtendedSWHID, "extended_swhid", str),
    (MaskedStatus, "masked_status", lambda s: {"state": s.state.name, "request": str(s.request)}),
]


class NonRetryableException(Exception):
    pass


class StorageArgumentException(NonRetryableException):
    pass


class QueryTimeout(Exception):
    pass


class MaskedObjectException(NonRetryableException):
    def __init__(self, masked):
        self.masked = masked
        super().__init__(masked)

    def __str__(self):
        return "Some objects are masked: " + ", ".join(
            f"{obj} by request {statuses[0].request} ({statuses[0].state.name})"
            + (" and others" if len(statuses) > 1 else "") for obj, statuses in self.masked.items())


for _cls in (NonRetryableException, StorageArgumentException, QueryTimeout, MaskedObjectException):
    _cls.__module__ = "swh.storage.exc"


# --- the calls, as swh-core's RPCClient sends them: getcallargs of the interface's signatures ---

class Interface:
    def directory_get_raw_manifest(self, directory_ids): pass
    def directory_get_entries(self, directory_id, page_token=None, limit=1000): pass
    def revision_get(self, revision_ids, ignore_displayname=False): pass
    def revision_log(self, revisions, ignore_displayname=False, limit=None): pass
    def release_get(self, releases, ignore_displayname=False): pass
    def snapshot_get_branches(self, snapshot_id, branches_from=b"", branches_count=1000, target_types=None,
                              branch_name_include_substring=None, branch_name_exclude_prefix=None): pass
    def content_get(self, contents, algo="sha1"): pass
    def content_get_data(self, content): pass
    def skipped_content_find(self, content): pass
    def directory_missing(self, directories): pass
    def revision_missing(self, revisions): pass
    def release_missing(self, releases): pass
    def snapshot_missing(self, snapshots): pass


def request(method, *args):
    post = inspect.getcallargs(getattr(Interface, method), None, *args)
    post.pop("self")
    return dumps(post)


EMPTY_TREE = bytes.fromhex("4b825dc642cb6eb9a060e54bf8d69288fbee4904")
EMPTY_SNAPSHOT = bytes.fromhex("1a8893e6a86f444e8be8e7bda6cb34fb1735a00e")
HELLO = bytes.fromhex("ce013625030ba8dba906f756967f9e9ca394464a")  # sha1_git of b"hello\n"
R1, R2, REL, C2 = b"\x02" * 20, b"\x03" * 20, b"\x04" * 20, b"\x07" * 20
HELLO_HASHES = {  # the order the source sends; swh-model's Content.hashes() iterates a set, in no fixed order
    "sha1": bytes.fromhex("f572d396fae9206628714fb2ce00f72e94f2258f"),
    "sha1_git": HELLO,
    "sha256": bytes.fromhex("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"),
    "blake2s256": bytes.fromhex("3969b3926654065966b6f8d9a65789b0f76d56e1e2ab67dd94faa770959187ca"),
}
REQUEST_A = uuid.UUID("6b0b3e3c-3f5c-4a8e-9d7e-2d7c1e9a0b11")
REQUEST_B = uuid.UUID("0f0e0d0c-0b0a-4908-8706-050403020100")
CTIME = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)

REQUESTS = [
    ("req_directory_get_raw_manifest", request("directory_get_raw_manifest", [EMPTY_TREE])),
    ("req_directory_get_entries", request("directory_get_entries", EMPTY_TREE)),
    ("req_directory_get_entries_next", request("directory_get_entries", EMPTY_TREE, b"next")),
    ("req_revision_get", request("revision_get", [R1, R2], True)),
    ("req_revision_log", request("revision_log", [R1], True)),
    ("req_release_get", request("release_get", [REL], True)),
    ("req_snapshot_get_branches", request("snapshot_get_branches", EMPTY_SNAPSHOT)),
    ("req_snapshot_get_branches_next", request("snapshot_get_branches", EMPTY_SNAPSHOT, b"refs/heads/x")),
    ("req_content_get", request("content_get", [HELLO, C2], "sha1_git")),
    ("req_skipped_content_find", request("skipped_content_find", {"sha1_git": C2})),
    ("req_content_get_data", request("content_get_data", HELLO_HASHES)),
    ("req_directory_missing", request("directory_missing", [EMPTY_TREE])),
    ("req_revision_missing", request("revision_missing", [R1])),
    ("req_release_missing", request("release_missing", [REL])),
    ("req_snapshot_missing", request("snapshot_missing", [EMPTY_SNAPSHOT])),
]

ALICE = from_fullname(b"Alice Example <alice@example.org>")
BOB = from_fullname(b"Bob <bob@example.org>")
REV = Revision(R1, EMPTY_TREE, [R2, b"\x05" * 20], ALICE, Date(1600000000, 0, b"+0200"), BOB,
               Date(1600000100, 0, b"-0000"), b"Initial\n\nwith body\n",
               extra_headers=[(b"encoding", b"ISO-8859-1"), (b"gpgsig", b"-----BEGIN\n sig\n -----END")])
REV_RAW = Revision(R2, EMPTY_TREE, [], from_fullname(b"odd"), Date(1, 500000, b"+5d4"), None, None, None,
                   type="hg", synthetic=True, raw_manifest=b"commit 3\x00raw")
REL_FULL = Release(REL, b"v1.0", b"Version 1.0\n", R1, "revision", author=ALICE, date=Date(1600000200, 0, b"+0100"))
REL_BARE = Release(b"\x06" * 20, b"tree-tag", None, EMPTY_TREE, "directory", raw_manifest=b"tag 3\x00raw")
# revision_log's dicts as an old journal wrote them: numeric offsets, persons without fullname, headers in metadata
LEGACY_LOG_ENTRY = {
    "id": R1, "directory": EMPTY_TREE, "parents": [], "type": "git", "synthetic": False, "message": b"old\n",
    "author": {"name": b"Old", "email": b"old@example.org"},
    "committer": {"name": None, "email": b"only@example.org"},
    "date": {"timestamp": {"seconds": 1000, "microseconds": 5}, "offset": 120, "negative_utc": None},
    "committer_date": {"timestamp": 2000, "offset": 0, "negative_utc": True},
    "metadata": {"extra_headers": [[b"encoding", b"latin1"]]},
}

RESPONSES = [
    ("resp_directory_get_entries", PagedResult(results=[
        DirectoryEntry(b"README", "file", HELLO, 0o100644), DirectoryEntry(b"src", "dir", EMPTY_TREE, 0o40000),
        DirectoryEntry(b"vendor", "rev", R1, 0o160000), DirectoryEntry(b"run.sh", "file", HELLO, 0o100755)],
        next_page_token=b"zz")),
    ("resp_directory_get_raw_manifest", {EMPTY_TREE: None, b"\x08" * 20: b"tree 0\x00"}),
    ("resp_revision_get", [REV, None, REV_RAW]),
    ("resp_revision_log", [REV.to_dict(), None, LEGACY_LOG_ENTRY]),
    ("resp_release_get", [REL_FULL, REL_BARE, None]),
    ("resp_snapshot_get_branches", {"id": EMPTY_SNAPSHOT, "branches": {
        b"HEAD": SnapshotBranch(b"refs/heads/main", "alias"), b"refs/heads/dangling": None,
        b"refs/heads/main": SnapshotBranch(R1, "revision"), b"refs/tags/v1": SnapshotBranch(REL, "release")},
        "next_branch": b"refs/tags/v2"}),
    ("resp_content_get", [Content(HELLO_HASHES["sha1"], HELLO, HELLO_HASHES["sha256"], HELLO_HASHES["blake2s256"],
                                  6, "visible", CTIME), None,
                          Content(b"\x01" * 20, C2, b"\x02" * 32, b"\x03" * 32, 12, "hidden", CTIME)]),
    ("resp_content_get_data", b"hello\n"),
    ("resp_skipped_content_find", [SkippedContent(None, C2, b"\x02" * 32, None, 1000000000, "Content too large",
                                                  "https://example.org/r", CTIME),
                                   SkippedContent(None, C2, None, None, -1, "Unknown", None, None)]),
    ("resp_missing", [EMPTY_TREE]),
]
# 400 bodies carry swh-storage's encoders; 500 and 503 bodies only swh-core's (api/server.py)
MASKED = MaskedObjectException({
    ExtendedSWHID("swh:1:cnt:" + HELLO.hex()): [MaskedStatus(MaskedState.DECISION_PENDING, REQUEST_A),
                                                 MaskedStatus(MaskedState.RESTRICTED, REQUEST_B)],
    ExtendedSWHID("swh:1:dir:" + EMPTY_TREE.hex()): [MaskedStatus(MaskedState.RESTRICTED, REQUEST_B)]})
ERRORS = [
    ("err_masked", exception_body(MASKED), STORAGE_ENCODERS),
    ("err_storage_argument", exception_body(StorageArgumentException("Unsupported page token")), STORAGE_ENCODERS),
    ("err_query_timeout", exception_body(QueryTimeout("Timeout during revision_log")), ()),
    ("err_value_error", exception_body(ValueError("boom")), ()),
]


def main():
    vectors = {name: encoded.hex() for name, encoded in REQUESTS}
    vectors.update({name: dumps(value, STORAGE_ENCODERS).hex() for name, value in RESPONSES})
    vectors.update({name: dumps(value, encoders).hex() for name, value, encoders in ERRORS})
    args = write_vectors(vectors, "swh-storage RPC vectors (swh-storage 6372b22, swh-model c32a818, swh-core 4009b51); "
                         "written by gen_storage_vectors.py", __file__, "storage-vectors.json")
    if "--verify" in args:
        verify_against(args["--verify"], RESPONSES, STORAGE_ENCODERS)
        verify_against(args["--verify"], [(n, v) for n, v, e in ERRORS if e], STORAGE_ENCODERS)
        verify_against(args["--verify"], [(n, v) for n, v, e in ERRORS if not e])


if __name__ == "__main__":
    main()
