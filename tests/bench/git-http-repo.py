#!/usr/bin/env python3
"""Writes a `git fast-import` stream for a deterministic, realistic-looking repository.

    python3 tests/bench/git-http-repo.py COMMITS FILES | git -C repo.git fast-import --quiet

One branch (refs/heads/main) with COMMITS commits that end with exactly FILES files in nested
folders (src/, lib/, tests/, docs/, tools/, two or three levels deep), sizes spread log-uniformly
from a few hundred bytes to about 40 KB. The first commit adds a quarter of the files, later
commits add the rest until 80 % of the history; every commit edits one to four files (80 % of
edits hit a "hot" fifth of the files, as in real projects) by replacing, inserting and deleting a
few lines. A lightweight tag v0.N every 1,000 commits. The same arguments always give the same
stream, so the same commit ids (fixed seed, fixed authors and timestamps).
"""
import math
import random
import sys

SEED = 20261123
MIN_SIZE, MAX_SIZE = 300, 40_000
TAG_EVERY = 1000


def main():
    commits, files = int(sys.argv[1]), int(sys.argv[2])
    if commits < 1 or files < 1:
        sys.exit("usage: git-http-repo.py COMMITS FILES (both >= 1)")
    rng = random.Random(SEED)
    out = sys.stdout.buffer

    syllables = ["ba", "co", "de", "fi", "gu", "ha", "ki", "lo", "mu", "ne", "po", "ra", "si", "tu", "ve", "xo", "za", "qu"]
    words = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(3000)})
    keywords = ["if", "for", "return", "let", "var", "const", "while", "else", "new", "await", "yield", "null", "true"]

    def line():
        indent = "    " * rng.choice((0, 1, 1, 2, 2, 2, 3, 4))
        kind = rng.random()
        if kind < 0.08:
            return ""
        if kind < 0.20:
            return indent + "// " + " ".join(rng.choices(words, k=rng.randint(3, 10)))
        head = rng.choice(keywords) + " " if kind < 0.5 else ""
        body = rng.choice(words) + "(" + ", ".join(rng.choices(words, k=rng.randint(0, 4))) + ")"
        tail = rng.choice((";", ";", " {", "", ",", " + " + str(rng.randint(0, 99999)) + ";"))
        return indent + head + body + tail

    # A pool of lines keeps generation fast; fresh lines are mixed in so blobs stay distinct.
    pool = [line() for _ in range(60_000)]

    def some_line():
        return line() if rng.random() < 0.25 else rng.choice(pool)

    tops = ["src", "lib", "tests", "docs", "tools"]
    folders = []
    for top in tops:
        for _ in range(rng.randint(6, 12)):
            parts = [top] + [rng.choice(words) for _ in range(rng.randint(1, 2))]
            folders.append("/".join(parts))
    extensions = ["c", "h", "py", "cs", "ts", "go", "md", "json", "txt", "java"]

    paths, targets = [], []
    for i in range(files):
        paths.append(f"{rng.choice(folders)}/{rng.choice(words)}_{i}.{rng.choice(extensions)}")
        targets.append(int(math.exp(rng.uniform(math.log(MIN_SIZE), math.log(MAX_SIZE)))))

    contents = {}

    def new_content(index):
        lines, size = [], 0
        while size < targets[index]:
            text = some_line()
            lines.append(text)
            size += len(text) + 1
        return lines

    def edit(lines, target):
        lines = list(lines)
        for _ in range(rng.randint(1, 5)):
            if lines:
                lines[rng.randrange(len(lines))] = some_line()
        for _ in range(rng.randint(0, 5)):
            lines.insert(rng.randint(0, len(lines)), some_line())
        for _ in range(rng.randint(0, 3) + (3 if sum(map(len, lines)) > 2 * target else 0)):
            if len(lines) > 1:
                del lines[rng.randrange(len(lines))]
        return lines

    def emit_file(path, lines):
        data = ("\n".join(lines) + "\n").encode()
        out.write(b"M 100644 inline " + path.encode() + b"\ndata " + str(len(data)).encode() + b"\n" + data + b"\n")

    people = [(f"Developer {n}", f"dev{n}@example.com") for n in range(1, 13)]
    verbs = ["fix", "add", "remove", "refactor", "speed up", "document", "test", "rename", "simplify"]
    initial = max(1, files // 4)
    added = 0
    hot = max(1, files // 5)
    timestamp = 1_600_000_000

    for c in range(commits):
        if c == 0:
            goal = initial
        else:
            goal = initial + int((files - initial) * min(1.0, c / max(1.0, 0.8 * (commits - 1))))
        if c == commits - 1:
            goal = files
        new_files = range(added, goal)
        added = goal

        timestamp += rng.randint(300, 7200)
        name, email = rng.choice(people)
        area = rng.choice(words)
        message = f"{area}: {rng.choice(verbs)} {' '.join(rng.choices(words, k=rng.randint(2, 6)))}\n".encode()
        who = f"{name} <{email}> {timestamp} +0000".encode()
        out.write(b"commit refs/heads/main\nmark :" + str(c + 1).encode() + b"\n")
        out.write(b"author " + who + b"\ncommitter " + who + b"\n")
        out.write(b"data " + str(len(message)).encode() + b"\n" + message)
        if c > 0:
            out.write(b"from :" + str(c).encode() + b"\n")

        for index in new_files:
            contents[index] = new_content(index)
            emit_file(paths[index], contents[index])
        if c > 0 and added > 0:
            edited = set()
            for _ in range(rng.randint(1, 4)):
                pick_hot = rng.random() < 0.8
                index = rng.randrange(min(hot, added)) if pick_hot else rng.randrange(added)
                if index in edited or index in new_files:
                    continue
                edited.add(index)
                contents[index] = edit(contents[index], targets[index])
                emit_file(paths[index], contents[index])
        out.write(b"\n")

        if (c + 1) % TAG_EVERY == 0:
            out.write(b"reset refs/tags/v0." + str((c + 1) // TAG_EVERY).encode() + b"\nfrom :" + str(c + 1).encode() + b"\n\n")

    out.write(b"done\n")
    out.flush()


if __name__ == "__main__":
    main()
