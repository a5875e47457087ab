#!/usr/bin/env python3
"""Verifies a Google service-account JWT assertion with google-auth, as an independent oracle.

Usage: verify_google_jwt.py SERVICE_ACCOUNT_JSON < jwt
Derives the public key from the service account's private key, checks the RS256 signature and
the audience with google.auth.jwt.decode, and prints the header and claims as JSON.
Exits 3 when google-auth is missing, so the calling test fails instead of skipping.
"""
import json
import sys

try:
    from google.auth import jwt
    from cryptography.hazmat.primitives import serialization
except ImportError as error:
    print("google-auth is not installed (Debian: python3-google-auth): %s" % error, file=sys.stderr)
    sys.exit(3)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        account = json.load(f)
    private_key = serialization.load_pem_private_key(account["private_key"].encode(), password=None)
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    token = sys.stdin.read().strip().encode()
    claims = jwt.decode(token, certs=public_pem, audience=account["token_uri"])
    header = jwt.decode_header(token)
    json.dump({"header": header, "claims": claims}, sys.stdout)


if __name__ == "__main__":
    main()
