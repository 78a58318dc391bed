#!/usr/bin/env python3
"""Writes a deterministic `git fast-import` stream of a synthetic repository to stdout.

usage: gen-repo.py [FILES [COMMITS [SEED]]]   (defaults: 20000 files, 2000 commits, seed 1)

The first commit adds FILES text files (pkgNN/modMM/fileKKK.txt, 0.3-8 KiB each, plus a few
binary blobs); each later commit edits a handful of files, sometimes adds or deletes one, and every
100th commit merges a two-commit side branch, with time zones varying from -1200 to +1400.
"""
import random
import sys

files = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
commits = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
out = sys.stdout.buffer
WORDS = [w.encode() for w in (
    "vault cook bundle archive swhid revision release snapshot directory content tree blob commit "
    "tag merge branch origin mirror stream pack index delta zlib gzip tar flat gitfast bare object "
    "identifier hash heritage software source code history author committer message").split()]
ZONES = [b"-1200", b"-0700", b"-0000", b"+0000", b"+0100", b"+0530", b"+0845", b"+1400"]
mark = 0
paths = []
t = 1_500_000_000


def text(n):
    lines, size = [], 0
    while size < n:
        line = b" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 14))) + b"\n"
        lines.append(line)
        size += len(line)
    return b"".join(lines)


def blob(data):
    global mark
    mark += 1
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
    out.write(data)
    out.write(b"\n")
    return mark


def commit(ref, msg, changes, parents=()):
    global mark, t
    mark += 1
    t += rng.randint(60, 7200)
    who = b"Dev %d <dev%d@example.org> %d %s" % (mark % 17, mark % 17, t, rng.choice(ZONES))
    out.write(b"commit %s\nmark :%d\nauthor %s\ncommitter %s\n" % (ref, mark, who, who))
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    for i, p in enumerate(parents):
        out.write(b"%s :%d\n" % (b"from" if i == 0 else b"merge", p))
    for c in changes:
        out.write(c + b"\n")
    return mark


def edit(path):
    return b"M 100644 :%d %s" % (blob(text(rng.randint(300, 8192))), path)


initial = []
for i in range(files):
    p = b"pkg%02d/mod%02d/file%04d.txt" % (i // 1000, (i // 100) % 10, i)
    paths.append(p)
    if i % 997 == 0:
        initial.append(b"M 100755 :%d %s" % (blob(rng.randbytes(rng.randint(10_000, 200_000))), p))
    else:
        initial.append(edit(p))
head = commit(b"refs/heads/master", b"Initial import\n", initial)
n = 1
while n < commits:
    if n % 100 == 0 and n + 3 <= commits:
        side = commit(b"refs/heads/side", b"Side work %d\n" % n, [edit(rng.choice(paths))], [head])
        side = commit(b"refs/heads/side", b"More side work %d\n" % n, [edit(rng.choice(paths))], [side])
        head = commit(b"refs/heads/master", b"Merge side %d\n" % n, [edit(rng.choice(paths))], [head, side])
        n += 3
        continue
    changes = [edit(rng.choice(paths)) for _ in range(rng.randint(1, 8))]
    r = rng.random()
    if r < 0.05:
        p = b"pkg%02d/new/file%05d.txt" % (rng.randrange(20), n)
        paths.append(p)
        changes.append(edit(p))
    elif r < 0.08 and len(paths) > 10:
        p = paths.pop(rng.randrange(len(paths)))
        changes = [c for c in changes if not c.endswith(b" " + p)] + [b"D " + p]
    head = commit(b"refs/heads/master", b"Change %d\n\nTouches %d files.\n" % (n, len(changes)), changes, [head])
    n += 1
out.write(b"reset refs/tags/v1.0\nfrom :%d\n\n" % head)
