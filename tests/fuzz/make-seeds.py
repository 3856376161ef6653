#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets (tests/fuzz/corpus/NAME/).

Run from the repository root after changing what a target reads; the
seeds are committed, so `make test` replays the same inputs everywhere.
Every seed is built here or taken from this repository (examples/, docs/,
rules/), nothing from elsewhere.
"""
import base64, hashlib, hmac, json, os, re, struct, subprocess, sys

OUT = "tests/fuzz/corpus"
# inputs that once crashed or misjudged (issue 17): replayed by make test
CRASHES = "tests/fuzz/crashes"


def past(target, name, data):
    put(target, "issue17-" + name, data, CRASHES)


def put(target, name, data, where=OUT):
    d = os.path.join(where, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# --- TLS answers: records as a server sends them
def record(ctype, body, version=0x0303):
    return struct.pack(">BHH", ctype, version, len(body)) + body


def server_hello(version, suite, exts=b"", legacy=None):
    body = struct.pack(">H", legacy or min(version, 0x0303)) + bytes(32)
    body += b"\x20" + bytes(range(32)) + struct.pack(">HB", suite, 0)
    if exts:
        body += struct.pack(">H", len(exts)) + exts
    hs = b"\x02" + struct.pack(">I", len(body))[1:] + body
    return hs


def ext(t, data):
    return struct.pack(">HH", t, len(data)) + data


def tls_seeds():
    reneg = ext(0xff01, b"\x00")
    ems = ext(0x0017, b"")
    sv13 = ext(0x002b, b"\x03\x04")
    put("fuzz_tls_answer", "tls12", record(22, server_hello(0x0303, 0xc02f, reneg + ems)))
    put("fuzz_tls_answer", "tls10", record(22, server_hello(0x0301, 0x002f, reneg), 0x0301))
    put("fuzz_tls_answer", "tls13", record(22, server_hello(0x0304, 0x1301, sv13, 0x0303)))
    sh = server_hello(0x0303, 0xc030, reneg)
    # the ServerHello split over two records, then a certificate begun
    put("fuzz_tls_answer", "split", record(22, sh[:20]) + record(22, sh[20:]) +
        record(22, b"\x0b\x00\x10\x00"))
    put("fuzz_tls_answer", "truncated", record(22, server_hello(0x0301, 0x002f))[:30])
    put("fuzz_tls_answer", "alert", record(21, b"\x02\x46"))
    put("fuzz_tls_answer", "warning-then-hello",
        record(21, b"\x01\x70") + record(22, server_hello(0x0303, 0xc02f)))
    put("fuzz_tls_answer", "http", b"HTTP/1.1 400 Bad Request\r\nServer: x\r\n\r\n")
    put("fuzz_tls_answer", "huge-record", struct.pack(">BHH", 22, 0x0303, 0xffff) + b"\x02")
    put("fuzz_tls_answer", "sslv2", b"\x80\x2e\x04\x00\x01\x00\x02")


# --- what follows a TLS 1.2 ServerHello: the flight, heartbeat answers
def flight_seeds():
    sh = server_hello(0x0303, 0xc02f, ext(0xff01, b"\x00") + ext(0x000f, b"\x01"))
    cert = b"\x0b\x00\x00\x05" + bytes(5)
    done = b"\x0e\x00\x00\x00"
    put("fuzz_tls_flight", "one-record", record(22, sh + done))
    put("fuzz_tls_flight", "split", record(22, sh + cert[:6]) + record(22, cert[6:] + done))
    put("fuzz_tls_flight", "warning", record(21, b"\x01\x70") + record(22, sh + done))
    put("fuzz_tls_flight", "fatal", record(22, sh) + record(21, b"\x02\x28"))
    put("fuzz_tls_flight", "hb-leak", struct.pack(">BHHBH", 24, 0x0303, 275, 2, 256))
    put("fuzz_tls_flight", "hb-echo", struct.pack(">BHHBH", 24, 0x0303, 35, 2, 16))


# --- tokens: JWTs signed here, opaque tokens shaped like the vendors'
def b64(d):
    return base64.urlsafe_b64encode(d).rstrip(b"=").decode()


def jwt(claims, alg="HS256", key=b"secret", raw_claims=None):
    h = b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    p = b64(raw_claims.encode() if raw_claims else json.dumps(claims).encode())
    si = (h + "." + p).encode()
    sig = b64(hmac.new(key, si, hashlib.sha256).digest()) if alg == "HS256" else ""
    return h + "." + p + "." + sig


def token_seeds():
    now = 1767225600
    put("fuzz_token", "jwt-12h", jwt({"iat": now, "exp": now + 43200, "aud": "vista", "tenant": "t1"}))
    put("fuzz_token", "jwt-expired", jwt({"iat": now - 90000, "exp": now - 3600}))
    put("fuzz_token", "jwt-none", jwt({"exp": now + 60}, alg="none"))
    past("fuzz_token", "jwt-huge-exp", jwt(None, raw_claims='{"iat":-1,"exp":9223372036854775807}'))
    past("fuzz_token", "jwt-float-exp", jwt(None, raw_claims='{"exp":1e300,"nbf":-1e19}'))
    put("fuzz_token", "jwt-weak-key", jwt({"exp": now + 60}, key=b"changeme"))
    put("fuzz_token", "bearer", "Bearer " + jwt({"exp": now + 600}) + "\n")
    put("fuzz_token", "presto-vendor", "1234|" + "a1B2c3D4" * 5 + "0123abcd")
    put("fuzz_token", "opaque", "ak_live_" + "3f" * 16)
    past("fuzz_token", "nul", b"eyJhbGciOiJIUzI1NiJ9\x00.e30.")


def files_under(d, pattern):
    for dp, _, fs in sorted(os.walk(d)):
        for f in sorted(fs):
            if re.search(pattern, f):
                yield os.path.join(dp, f)


def yaml_blocks(md):
    text = open(md, encoding="utf-8").read()
    return re.findall(r"```ya?ml\n(.*?)```", text, re.S)


def rules_seeds():
    small = [p for p in files_under("rules", r"\.ya?ml$") if os.path.getsize(p) < 12000]
    for p in small[:12]:
        put("fuzz_rules", p.replace("/", "_"), open(p, "rb").read())
    for i, b in enumerate(yaml_blocks("docs/rules.md")):
        put("fuzz_rules", "rules-md-%02d.yaml" % i, b)
    # the loader's own past defects (issue 17): an allow-list with
    # patterns then an unknown key, two allow-lists, a bad pattern
    past("fuzz_rules", "allow-unknown-key", "allowlist:\n  patterns: ['^x$']\n  bogus: 1\n")
    past("fuzz_rules", "allow-twice", "allowlist:\n  values: [a]\n---\nallowlist:\n  values: [b]\n")
    past("fuzz_rules", "allow-bad-re", "allowlist:\n  patterns: ['(unclosed']\n")


def config_seeds():
    # the first byte picks the reader: 0 audit, 1 auth, 2 probe targets
    put("fuzz_config", "audit-example", b"\x00" + open("examples/audit.yaml", "rb").read())
    for i, b in enumerate(yaml_blocks("docs/audit.md")):
        put("fuzz_config", "audit-md-%02d" % i, b"\x00" + b.encode())
    for i, b in enumerate(yaml_blocks("docs/auth.md")):
        put("fuzz_config", "auth-md-%02d" % i, b"\x01" + b.encode())
    for i, b in enumerate(yaml_blocks("docs/probe.md")):
        put("fuzz_config", "probe-md-%02d" % i, b"\x02" + b.encode())
    put("fuzz_config", "probe-list", b"\x02https://127.0.0.1:8443/api\n# a comment\nhttps://[::1]:9443/\n")


def report_seeds(authaudit):
    out = subprocess.run([authaudit, "scan", "-q", "--format", "json",
                          "examples/acme-integration"], capture_output=True)
    rep = json.loads(out.stdout)
    rep["findings"] = rep["findings"][:6]
    put("fuzz_report", "scan", json.dumps(rep, indent=1))
    put("fuzz_report", "minimal", '{"schema_version": "1.4", "scan": {"command": "scan"}, "findings": []}')
    put("fuzz_report", "names", json.dumps({"schema_version": "1.4",
        "scan": {"command": "scan", "targets": ["caf\\xe9", "a\\x5cb"]},
        "findings": [], "notices": [{"where": "\\xff", "message": "m"}]}))


def escape_seeds():
    for i, s in enumerate([b"src/app.py", "caf\u00e9 \u20ac \U0001f511".encode(),
                           b"a\x1b[2Jb\nsrc/x.py:1:1", b"<script>&amp;\"'</script>",
                           b"| md `cell` *b* _i_ [l](u) \\", b"\xff\xfe\xc3\xed\xa0\x80\xef\xbf\xbe",
                           b"back\\slash\\x41 \\xe9", b"\xc2\x9b31m \x7f \x01"]):
        put("fuzz_escape", "s%02d" % i, s)


def redact_seeds():
    past("fuzz_redact", "s02", b"\xb1\xb2\xb3latin1password")
    for i, s in enumerate([b"ak_live_3f3f3f3f3f3f3f3f", "\u2026\u2026\u2026\u2026secret-value-long".encode(),
                           b"abc", b"", b"\x01\x02ctrl-secret-xx",
                           "\U0001f511\U0001f511\U0001f511\U0001f511\U0001f511-key".encode()]):
        put("fuzz_redact", "s%02d" % i, s)


def scan_seeds():
    names = ["app.js", ".env", "config/settings.yaml", "deploy.sh", "main.py",
             "public/index.html", "README.md", "src/Client.java"]
    pick = {".js": 0, ".jsx": 0, ".ts": 0, ".env": 1, ".yaml": 2, ".yml": 2,
            ".sh": 3, ".py": 4, ".html": 5, ".md": 6, ".java": 7}
    for p in files_under("examples/acme-integration", r"."):
        ext = os.path.splitext(p)[1] or os.path.basename(p)
        b = open(p, "rb").read()
        if len(b) > 60000 or ext not in pick:
            continue
        put("fuzz_scan", p.replace("/", "_"), bytes([pick[ext]]) + b)


if __name__ == "__main__":
    tls_seeds()
    flight_seeds()
    token_seeds()
    rules_seeds()
    config_seeds()
    report_seeds(sys.argv[1] if len(sys.argv) > 1 else "./authaudit")
    escape_seeds()
    redact_seeds()
    scan_seeds()
