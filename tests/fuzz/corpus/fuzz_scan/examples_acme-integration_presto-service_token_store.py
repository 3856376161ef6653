"""Clean counterpart of app.py: the token comes from the environment, TLS
is verified, and nothing here should be reported."""
import os
import ssl

import requests

BASE_URL = os.environ.get("PRESTO_BASE_URL", "https://vendor-api.presto.com")
DEV_BASE_URL = "http://localhost:8000/api/developer/v1"


def session():
    s = requests.Session()
    s.verify = True  # never verify=False: the guideline requires certificate checks
    s.headers["Authorization"] = "Bearer " + os.environ["PRESTO_TOKEN"]
    return s


def tls_context():
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def local_health():
    # the local mock serves a self-signed certificate on loopback only
    return requests.get("https://localhost:8443/health", verify=False)  # authaudit:allow
