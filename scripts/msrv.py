#!/usr/bin/env python3
"""Checks the workspace's `rust-version` against what the locked dependencies declare.

The workspace says the lowest Rust it builds with. It must be at least every locked crate's own
`rust-version` (or a build with that toolchain fails), and no higher than the highest of them
plus what our code needs (or it turns users away for nothing). No toolchain but the current one
can be installed here, so this reads `cargo metadata` (the lock as resolved) instead of building
with the old compiler.
"""
import json
import subprocess
import sys

meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--format-version", "1", "--locked"]))
members = set(meta["workspace_members"])
ours = {p["rust_version"] for p in meta["packages"] if p["id"] in members}
if len(ours) != 1 or None in ours:
    sys.exit(f"msrv: every workspace package should inherit one rust-version, found {ours}")
ours = ours.pop()
version = lambda v: tuple(int(x) for x in v.split("."))
needed = max(
    ((version(p["rust_version"]), p["name"], p["version"])
     for p in meta["packages"] if p["id"] not in members and p.get("rust_version")),
    default=((0,), "", ""))
if version(ours) < needed[0]:
    sys.exit(f"msrv: rust-version {ours} is below {needed[1]} {needed[2]}'s "
             f"{'.'.join(map(str, needed[0]))}")
# Our code needs 1.82 (Option::is_none_or); a higher rust-version than both must say why.
if version(ours) > max(needed[0], (1, 82)):
    sys.exit(f"msrv: rust-version {ours} is higher than anything needs "
             f"({'.'.join(map(str, needed[0]))}, {needed[1]})")
print(f"msrv: rust-version {ours} = the highest locked need ({needed[1]} {needed[2]})")
