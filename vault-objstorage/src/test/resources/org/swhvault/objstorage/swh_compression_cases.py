"""Prints compressed objects, well-formed and not, each with the verdict of the decompressors swh-objstorage uses.

swh-objstorage (swh/objstorage/objstorage.py, commit ae46803) decompresses an object with one call of a
Python decompressor (gzip = zlib.decompressobj(wbits=31), zlib = zlib.decompressobj(), bz2.BZ2Decompressor,
lzma.LZMADecompressor) and calls it corrupt when that raises or leaves unused_data. It does not look at
`eof`, so it would return a truncated object's first bytes; the verdict below also demands `eof`, as the
Java side does. Output: first line the hex of the object's bytes, then "compression case ok|refused hex".
"""
import bz2
import gzip
import io
import lzma
import struct
import zlib

DATA = b"hello objstorage\n" * 100

DECOMPRESSORS = {
    "bz2": bz2.BZ2Decompressor,
    "lzma": lzma.LZMADecompressor,
    "gzip": lambda: zlib.decompressobj(wbits=31),
    "zlib": zlib.decompressobj,
}


def verdict(compression, blob):
    decompressor = DECOMPRESSORS[compression]()
    try:
        out = decompressor.decompress(blob)
    except Exception:
        return False
    return not decompressor.unused_data and decompressor.eof and out == DATA


def deflate_raw(data):
    c = zlib.compressobj(wbits=-15)
    return c.compress(data) + c.flush()


def gzip_member(flags=0, extra=b"", name=b"", comment=b"", header_crc=None, method=8, crc=None, size=None):
    header = bytearray(b"\x1f\x8b" + bytes([method, flags]) + b"\0\0\0\0\0\x03")
    if flags & 4:
        header += struct.pack("<H", len(extra)) + extra
    if flags & 8:
        header += name + b"\0"
    if flags & 16:
        header += comment + b"\0"
    if flags & 2:
        header += struct.pack("<H", (zlib.crc32(bytes(header)) & 0xFFFF) if header_crc is None else header_crc)
    trailer = struct.pack("<II", zlib.crc32(DATA) if crc is None else crc, len(DATA) if size is None else size)
    return bytes(header) + deflate_raw(DATA) + trailer


def python_gzip_with_name():
    buf = io.BytesIO()
    with gzip.GzipFile(filename="hello.txt", fileobj=buf, mode="wb", mtime=1700000000) as f:
        f.write(DATA)
    return buf.getvalue()


def swh(compression):
    compressor = {"gzip": lambda: zlib.compressobj(wbits=31), "zlib": zlib.compressobj,
                  "bz2": bz2.BZ2Compressor, "lzma": lzma.LZMACompressor}[compression]()
    return compressor.compress(DATA) + compressor.flush()


def flip(blob, index):
    b = bytearray(blob)
    b[index] ^= 0x40
    return bytes(b)


def with_dictionary():
    c = zlib.compressobj(zdict=b"hello objstorage")
    return c.compress(DATA) + c.flush()


CASES = {
    "gzip": {
        "as swh-objstorage writes it": swh("gzip"),
        "python gzip module, name and mtime in the header": python_gzip_with_name(),
        "extra field, name, comment and header crc": gzip_member(4 | 8 | 16 | 2, b"AB\x02\0xy", b"a.txt", b"c"),
        "wrong header crc": gzip_member(2, header_crc=0x1234),
        "reserved flag set": gzip_member(0x20),
        "compression method 7": gzip_member(method=7),
        "wrong crc in the trailer": gzip_member(crc=zlib.crc32(DATA) ^ 1),
        "wrong length in the trailer": gzip_member(size=len(DATA) + 1),
        "two members": swh("gzip") + swh("gzip"),
        "a zero byte after the member": swh("gzip") + b"\0",
        "truncated trailer": swh("gzip")[:-3],
        "truncated header": swh("gzip")[:5],
        "empty": b"",
        "zlib instead": swh("zlib"),
        "flipped deflate byte": flip(swh("gzip"), 12),
    },
    "zlib": {
        "as swh-objstorage writes it": swh("zlib"),
        "level 9": zlib.compress(DATA, 9),
        "preset dictionary": with_dictionary(),
        "wrong adler32": flip(swh("zlib"), len(swh("zlib")) - 1),
        "a byte after the stream": swh("zlib") + b"x",
        "truncated": swh("zlib")[:-1],
        "gzip instead": swh("gzip"),
    },
    "bz2": {
        "as swh-objstorage writes it": swh("bz2"),
        "block size 1": bz2.compress(DATA, 1),
        "two streams": swh("bz2") + swh("bz2"),
        "a byte after the stream": swh("bz2") + b"\0",
        "truncated": swh("bz2")[:-2],
        "flipped stream crc": flip(swh("bz2"), len(swh("bz2")) - 3),
        "empty": b"",
    },
    "lzma": {
        "as swh-objstorage writes it": swh("lzma"),
        "xz without check": lzma.compress(DATA, check=lzma.CHECK_NONE),
        "xz with sha256 check": lzma.compress(DATA, check=lzma.CHECK_SHA256),
        "legacy .lzma container": lzma.compress(DATA, format=lzma.FORMAT_ALONE),
        "two xz streams": swh("lzma") + swh("lzma"),
        "xz stream padding": swh("lzma") + b"\0\0\0\0",
        "a byte after the stream": swh("lzma") + b"x",
        "truncated": swh("lzma")[:-1],
        "raw lzma2 without container": lzma.compress(DATA, format=lzma.FORMAT_RAW,
                                                     filters=[{"id": lzma.FILTER_LZMA2}]),
        "flipped check": flip(swh("lzma"), len(swh("lzma")) - 13),
    },
}

if __name__ == "__main__":
    print(DATA.hex())
    for compression, cases in CASES.items():
        for name, blob in cases.items():
            print(compression + "\t" + name + "\t" + ("ok" if verdict(compression, blob) else "refused") + "\t"
                  + blob.hex())
