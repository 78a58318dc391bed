"""Writes and reads pathslicing objstorage files the way swh-objstorage does, as an oracle for the Java tests.

Facts taken from swh-objstorage (commit ae46803): swh/objstorage/objstorage.py maps each compression name to
a Python compressor and decompressor (gzip = zlib with wbits 31, zlib = zlib defaults, bz2 = BZ2Compressor,
lzma = LZMACompressor, none); an object is compressed in one call plus flush, and read back with one
decompress call where left-over input (unused_data) means corruption. swh/objstorage/backends/pathslicing.py
puts an object at os.path.join(root, *[hex[slice] for each slice], hex), the slices being Python slices
parsed from "start:stop/..." with empty parts skipped, writes it to a temporary file in that directory,
fdatasyncs it, gives it mode 0o644 and renames it into place. This script restates those facts; it is not
swh-objstorage's code.

Usage:
  write ROOT SLICING COMPRESSION FILE...   store each file; print "<hex sha1> <path>" per file
  read ROOT SLICING COMPRESSION HEX...     print "<hex sha1 of the decompressed bytes> <length>" per object
  compress COMPRESSION FILE                write the compressed bytes of FILE to standard output
"""
import bz2
import hashlib
import lzma
import os
import sys
import tempfile
import zlib

COMPRESSORS = {
    "bz2": bz2.BZ2Compressor,
    "lzma": lzma.LZMACompressor,
    "gzip": lambda: zlib.compressobj(wbits=31),
    "zlib": zlib.compressobj,
}
DECOMPRESSORS = {
    "bz2": bz2.BZ2Decompressor,
    "lzma": lzma.LZMADecompressor,
    "gzip": lambda: zlib.decompressobj(wbits=31),
    "zlib": zlib.decompressobj,
}


def compress(compression, data):
    if compression == "none":
        return data
    compressor = COMPRESSORS[compression]()
    return compressor.compress(data) + compressor.flush()


def decompress(compression, data):
    if compression == "none":
        return data
    decompressor = DECOMPRESSORS[compression]()
    out = decompressor.decompress(data)
    if decompressor.unused_data:
        raise ValueError("trailing data")
    return out


def path(root, slicing, hex_id):
    bounds = [slice(*(int(x) if x else None for x in part.split(":"))) for part in slicing.split("/") if part]
    return os.path.join(root, *[hex_id[b] for b in bounds], hex_id)


def write(root, slicing, compression, files):
    for name in files:
        with open(name, "rb") as f:
            data = f.read()
        hex_id = hashlib.sha1(data).hexdigest()
        target = path(root, slicing, hex_id)
        directory = os.path.dirname(target)
        os.makedirs(directory, 0o755, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".tmp", prefix="obj.", dir=directory)
        with os.fdopen(fd, "wb") as f:
            f.write(compress(compression, data))
            f.flush()
            os.fdatasync(fd)
        os.chmod(tmp, 0o644)
        os.rename(tmp, target)
        print(hex_id, target)


def read(root, slicing, compression, ids):
    for hex_id in ids:
        with open(path(root, slicing, hex_id), "rb") as f:
            data = decompress(compression, f.read())
        print(hashlib.sha1(data).hexdigest(), len(data))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "write":
        write(args[0], args[1], args[2], args[3:])
    elif command == "read":
        read(args[0], args[1], args[2], args[3:])
    elif command == "compress":
        with open(args[1], "rb") as f:
            sys.stdout.buffer.write(compress(args[0], f.read()))
    else:
        sys.exit("unknown command " + command)
