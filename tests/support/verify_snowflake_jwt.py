#!/usr/bin/env python3
"""Independent check of a Snowflake key-pair JWT with python3-cryptography.

Usage: verify_snowflake_jwt.py PRIVATE_KEY_PEM_FILE JWT
Derives the public key from the private key, computes Snowflake's fingerprint
(SHA256: + base64 of the SHA-256 of the DER SubjectPublicKeyInfo), verifies the RS256
signature, and prints one JSON object: {"fingerprint", "header", "claims", "valid"}.
Exit 0 when the signature verifies, 1 when it does not, 2 on usage errors.
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def b64url_decode(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    fingerprint = "SHA256:" + base64.b64encode(hashlib.sha256(der).digest()).decode()
    token = sys.argv[2]
    header_b64, claims_b64, signature_b64 = token.split(".")
    valid = True
    try:
        key.public_key().verify(b64url_decode(signature_b64), (header_b64 + "." + claims_b64).encode(),
                                padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        valid = False
    print(json.dumps({"fingerprint": fingerprint,
                      "header": json.loads(b64url_decode(header_b64)),
                      "claims": json.loads(b64url_decode(claims_b64)),
                      "valid": valid}))
    return 0 if valid else 1


if __name__ == "__main__":
    sys.exit(main())
