#!/usr/bin/env python3
"""Signs requests with botocore's SigV4Auth, as an independent oracle for Costscope's signer.

Reads a JSON array of requests on stdin:
  {"method", "host", "path", "query": [[k, v], ...], "headers": [[name, value], ...],
   "body_b64", "access_key", "secret_key", "token", "region", "service", "time": "yyyymmddThhmmssZ"}
and prints a JSON array of {"authorization", "canonical_request"} in the same order.
Exits non-zero when botocore is missing, so the calling test fails instead of skipping.
"""
import base64
import datetime
import json
import sys
import types

try:
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:  # the test must fail, not skip
    print("botocore is not installed (Debian: python3-botocore): %s" % error, file=sys.stderr)
    sys.exit(3)


def fixed_datetime_module(fixed):
    class FixedDateTime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return fixed

        @classmethod
        def now(cls, tz=None):
            return fixed if tz is None else fixed.replace(tzinfo=tz)

    module = types.ModuleType("datetime")
    module.__dict__.update(datetime.__dict__)
    module.datetime = FixedDateTime
    return module


def sign(item):
    fixed = datetime.datetime.strptime(item["time"], "%Y%m%dT%H%M%SZ")
    botocore.auth.datetime = fixed_datetime_module(fixed)
    request = AWSRequest()
    request.method = item["method"]
    request.url = "https://" + item["host"] + item["path"]
    for name, value in item["headers"]:
        request.headers[name] = value  # appends: repeated names stay repeated
    if item["query"]:
        request.params = [(k, v) for k, v in item["query"]]
    request.data = base64.b64decode(item["body_b64"])
    credentials = Credentials(item["access_key"], item["secret_key"], item["token"] or None)
    auth = botocore.auth.SigV4Auth(credentials, item["service"], item["region"])
    auth.add_auth(request)
    request.context["timestamp"] = item["time"]
    return {
        "authorization": request.headers["Authorization"],
        "canonical_request": auth.canonical_request(request),
    }


def main():
    items = json.load(sys.stdin)
    json.dump([sign(item) for item in items], sys.stdout)


if __name__ == "__main__":
    main()
