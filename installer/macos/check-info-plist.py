#!/usr/bin/env python3
"""Checks the configured Info.plist of Costscope.app: it parses as a property list and holds the
keys macOS needs to start the bundle, show its icon and offer it for billing files (Open With)
without making it their default application. Usage: check-info-plist.py PLIST VERSION"""
import plistlib
import sys


def fail(message):
    print(f"{sys.argv[1]}: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, version = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        text = f.read()
    if b"@COSTSCOPE" in text:
        fail("a @VARIABLE@ was left unconfigured")
    if b"${" in text:
        fail("a ${VARIABLE} was left unconfigured")
    try:
        plist = plistlib.loads(text)
    except Exception as e:  # plistlib raises several types for broken XML
        fail(f"not a property list: {e}")

    expected = {
        "CFBundleExecutable": "Costscope",
        "CFBundleIdentifier": "io.costscope.Costscope",
        "CFBundleName": "Costscope",
        "CFBundlePackageType": "APPL",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleIconFile": "costscope.icns",
        "CFBundleInfoDictionaryVersion": "6.0",
        "NSPrincipalClass": "NSApplication",
        "NSHighResolutionCapable": True,
        "LSApplicationCategoryType": "public.app-category.finance",
    }
    for key, value in expected.items():
        if plist.get(key) != value:
            fail(f"{key} is {plist.get(key)!r}, expected {value!r}")
    minimum = plist.get("LSMinimumSystemVersion", "")
    parts = minimum.split(".")
    if not all(p.isdigit() for p in parts) or tuple(int(p) for p in parts) < (10, 14):
        fail(f"LSMinimumSystemVersion {minimum!r} is not a version >= 10.14 (Qt 6.4's minimum)")

    types = plist.get("CFBundleDocumentTypes")
    if not isinstance(types, list) or not types:
        fail("CFBundleDocumentTypes is missing")
    seen = {}
    for entry in types:
        for key in ("CFBundleTypeName", "CFBundleTypeRole", "LSHandlerRank", "LSItemContentTypes"):
            if key not in entry:
                fail(f"a document type has no {key}: {entry!r}")
        if entry["CFBundleTypeRole"] != "Viewer":
            fail(f"{entry['CFBundleTypeName']}: role {entry['CFBundleTypeRole']!r}, expected 'Viewer' (Costscope never edits the file)")
        if entry["LSHandlerRank"] != "Alternate":
            fail(f"{entry['CFBundleTypeName']}: rank {entry['LSHandlerRank']!r}, expected 'Alternate' (never the default application)")
        for uti in entry["LSItemContentTypes"]:
            seen[uti] = entry["CFBundleTypeName"]
    for uti in ("public.comma-separated-values-text", "org.gnu.gnu-zip-archive", "public.json"):
        if uti not in seen:
            fail(f"no document type for {uti}")
    print(f"{path}: ok ({len(types)} document types, macOS {minimum} or later)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
