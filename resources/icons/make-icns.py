#!/usr/bin/env python3
"""Packs the hicolor PNGs into costscope.icns for the macOS bundle.

An .icns file is the magic 'icns', the file length, then one chunk per image: a four-letter type,
the chunk length (header included) and PNG data. Run from resources/icons after changing the SVG
and re-rendering the PNGs (see README.md here).
"""
import struct
import sys
from pathlib import Path

# icns chunk type -> pixel size of the PNG it holds
CHUNKS = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
          ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512)]


def main() -> int:
    here = Path(__file__).resolve().parent
    body = b""
    for kind, size in CHUNKS:
        png = (here / "hicolor" / f"{size}x{size}" / "apps" / "io.costscope.Costscope.png").read_bytes()
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            print(f"{size}x{size}: not a PNG", file=sys.stderr)
            return 1
        body += kind.encode("ascii") + struct.pack(">I", len(png) + 8) + png
    (here / "costscope.icns").write_bytes(b"icns" + struct.pack(">I", len(body) + 8) + body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
