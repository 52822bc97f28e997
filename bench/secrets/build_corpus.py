#!/usr/bin/env python3
"""Builds the secret-scanning benchmark corpus: real source text from this machine plus planted fake secrets
of many formats (checksums valid where the format has one) and decoys that must not match.

Writes CORPUS/src/... and CORPUS/manifest.json ({"planted": [...], "decoys": [...]}); each entry names the
file (relative to CORPUS), the 1-based line, the format and the secret. Deterministic for a given --seed."""
import argparse, base64, json, os, random, shutil, string, sys, zlib

TEXT_EXT = {".h", ".hpp", ".c", ".cc", ".cpp", ".py", ".pyi", ".rs", ".swift", ".swiftinterface", ".md", ".txt",
            ".rst", ".html", ".htm", ".pl", ".pm", ".js", ".json", ".xml", ".yml", ".yaml", ".toml", ".cfg", ".ini",
            ".sh", ".java", ".go", ".rb", ".css", ".tex", ".el", ".m4", ".am", ".in", ".cmake", ".def", ".inc", ".s"}
SOURCES = ["/usr/include", "/usr/share/doc", "/usr/lib/python3", "/usr/lib/python3.11", "/usr/share/perl",
           "/usr/lib/x86_64-linux-gnu/perl", "/opt/swift/usr/include", "/opt/swift/usr/lib/swift",
           "/root/.rustup/toolchains", "/root/.pyenv/versions", "/usr/share/javascript", "/usr/lib/node_modules"]
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B36 = string.digits + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits

def rs(rng, alphabet, n): return "".join(rng.choice(alphabet) for _ in range(n))

def b62(n, width):
    s = ""
    while n: s = B62[n % 62] + s; n //= 62
    return s.rjust(width, "0")

def b36(n, width):
    s = ""
    while n: s = B36[n % 36] + s; n //= 36
    return s.rjust(width, "0")

def crc_token(rng, prefix):
    body = rs(rng, ALNUM, 30)
    return f"{prefix}{body}{b62(zlib.crc32(body.encode()), 6)}"

def gitlab_routable(rng, prefix="glpat-"):
    payload = f"o:{b36(rng.randrange(10**6), 1)}\nu:{b36(rng.randrange(10**6), 1)}".encode()
    raw = payload + os.urandom(0) + bytes(rng.randrange(256) for _ in range(16)) + bytes([16])
    b = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    head = f"{prefix}{b}.{b36(len(b), 2)}"
    return head + b36(zlib.crc32(head.encode()), 7)

def pem(rng, kind):
    lines = [base64.b64encode(bytes(rng.randrange(256) for _ in range(48))).decode() for _ in range(12)]
    return f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----"

def openssh_key(rng):
    raw = b"openssh-key-v1\0" + bytes(rng.randrange(256) for _ in range(400))
    body = base64.b64encode(raw).decode()
    lines = [body[i:i + 70] for i in range(0, len(body), 70)]
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END OPENSSH PRIVATE KEY-----"

BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

def bech32_polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk

def age_key(rng):
    hrp = "age-secret-key-"
    data, acc, bits = [], 0, 0
    for byte in bytes(rng.randrange(256) for _ in range(32)):
        acc = (acc << 8) | byte; bits += 8
        while bits >= 5:
            bits -= 5; data.append((acc >> bits) & 31)
    if bits: data.append((acc << (5 - bits)) & 31)
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    pm = bech32_polymod(values + [0] * 6) ^ 1
    checksum = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return (hrp + "1" + "".join(BECH32[d] for d in data + checksum)).upper()

def jwt(rng):
    h = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    p = base64.urlsafe_b64encode(json.dumps({"sub": rs(rng, string.digits, 10), "name": "svc", "iat": 1700000000 + rng.randrange(10**6)}).encode()).decode().rstrip("=")
    return f"{h}.{p}.{rs(rng, ALNUM + '-_', 43)}"

# format name -> (generator, contexts). A context is a template with {s}.
ENV = ["export {k}={s}", "{k}={s}", '{k}="{s}"']
CODE = ['{k} = "{s}"', "const {k} = '{s}';", '"{k}": "{s}",', "{k}: {s}"]
FORMATS = {
    "aws-access-key-id": (lambda r: "AKIA" + rs(r, string.ascii_uppercase + "234567", 16), "AWS_ACCESS_KEY_ID", ENV + CODE),
    "github-pat": (lambda r: crc_token(r, "ghp_"), "GITHUB_TOKEN", ENV + CODE),
    "github-oauth": (lambda r: crc_token(r, "gho_"), "GH_OAUTH", ENV + CODE),
    "github-user-to-server": (lambda r: crc_token(r, "ghu_"), "GH_USER_TOKEN", ENV + CODE),
    "github-server-to-server": (lambda r: crc_token(r, "ghs_"), "GH_APP_TOKEN", ENV + CODE),
    "github-refresh": (lambda r: crc_token(r, "ghr_"), "GH_REFRESH", ENV + CODE),
    "github-fine-grained-pat": (lambda r: "github_pat_" + rs(r, ALNUM, 22) + "_" + rs(r, ALNUM, 59), "GITHUB_PAT", ENV + CODE),
    "gitlab-pat": (lambda r: "glpat-" + rs(r, ALNUM + "_-", 20), "GITLAB_TOKEN", ENV + CODE),
    "gitlab-pat-routable": (lambda r: gitlab_routable(r), "GITLAB_TOKEN", ENV + CODE),
    "gitlab-deploy-token": (lambda r: "gldt-" + rs(r, ALNUM + "_-", 20), "DEPLOY_TOKEN", ENV + CODE),
    "gitlab-runner-token": (lambda r: "glrt-" + rs(r, ALNUM + "_-", 20), "RUNNER_TOKEN", ENV + CODE),
    "gitlab-trigger-token": (lambda r: "glptt-" + rs(r, "0123456789abcdef", 40), "TRIGGER_TOKEN", ENV + CODE),
    "gitlab-feed-token": (lambda r: "glft-" + rs(r, ALNUM + "_-", 20), "FEED_TOKEN", ENV + CODE),
    "gitlab-runner-registration": (lambda r: "GR1348941" + rs(r, ALNUM + "_-", 20), "REGISTRATION_TOKEN", ENV + CODE),
    "slack-bot-token": (lambda r: f"xoxb-{rs(r, string.digits, 11)}-{rs(r, string.digits, 12)}-{rs(r, ALNUM, 24)}", "SLACK_BOT_TOKEN", ENV + CODE),
    "slack-user-token": (lambda r: f"xoxp-{rs(r, string.digits, 11)}-{rs(r, string.digits, 12)}-{rs(r, string.digits, 12)}-{rs(r, 'abcdef0123456789', 32)}", "SLACK_TOKEN", ENV + CODE),
    "slack-webhook": (lambda r: f"https://hooks.slack.com/services/T{rs(r, string.ascii_uppercase + string.digits, 10)}/B{rs(r, string.ascii_uppercase + string.digits, 10)}/{rs(r, ALNUM, 24)}", "SLACK_WEBHOOK", ENV + CODE),
    "stripe-secret-key": (lambda r: "sk_live_" + rs(r, ALNUM, 24), "STRIPE_KEY", ENV + CODE),
    "stripe-restricted-key": (lambda r: "rk_live_" + rs(r, ALNUM, 24), "STRIPE_RESTRICTED", ENV + CODE),
    "gcp-api-key": (lambda r: "AIza" + rs(r, ALNUM + "_-", 35), "MAPS_KEY", ENV + CODE + ['<string name="maps_key">{s}</string>']),
    "sendgrid-api-key": (lambda r: f"SG.{rs(r, ALNUM + '_-', 22)}.{rs(r, ALNUM + '_-', 43)}", "SENDGRID_API_KEY", ENV + CODE),
    "npm-token": (lambda r: crc_token(r, "npm_"), "NPM_TOKEN", ENV + ["//registry.example/:_authToken={s}"]),
    "openai-api-key": (lambda r: f"sk-proj-{rs(r, ALNUM + '_-', 74)}T3BlbkFJ{rs(r, ALNUM + '_-', 74)}", "OPENAI_API_KEY", ENV + CODE),
    "anthropic-api-key": (lambda r: f"sk-ant-api03-{rs(r, ALNUM + '_-', 93)}AA", "ANTHROPIC_API_KEY", ENV + CODE),
    "private-key-rsa": (lambda r: pem(r, "RSA PRIVATE KEY"), None, ["{s}"]),
    "private-key-openssh": (lambda r: openssh_key(r), None, ["{s}"]),
    "private-key-pkcs8": (lambda r: pem(r, "PRIVATE KEY"), None, ["{s}"]),
    "private-key-ec": (lambda r: pem(r, "EC PRIVATE KEY"), None, ["{s}"]),
    "jwt": (lambda r: jwt(r), "AUTH_JWT", ENV + CODE + ["Authorization: Bearer {s}"]),
    "shopify-access-token": (lambda r: "shpat_" + rs(r, "0123456789abcdef", 32), "SHOPIFY_TOKEN", ENV + CODE),
    "digitalocean-pat": (lambda r: "dop_v1_" + rs(r, "0123456789abcdef", 64), "DO_TOKEN", ENV + CODE),
    "twilio-api-key": (lambda r: "SK" + rs(r, "0123456789abcdef", 32), "TWILIO_API_KEY", ENV + CODE),
    "huggingface-token": (lambda r: "hf_" + rs(r, string.ascii_letters, 34), "HF_TOKEN", ENV + CODE),
    "pypi-upload-token": (lambda r: "pypi-AgEIcHlwaS5vcmc" + rs(r, ALNUM + "_-", 70), "PYPI_TOKEN", ENV + ["password = {s}"]),
    "age-secret-key": (lambda r: age_key(r), "AGE_KEY", ENV + CODE),
    "doppler-token": (lambda r: "dp.pt." + rs(r, ALNUM, 43), "DOPPLER_TOKEN", ENV + CODE),
    "databricks-token": (lambda r: "dapi" + rs(r, "0123456789abcdef", 32), "DATABRICKS_TOKEN", ENV + CODE),
    "postman-api-key": (lambda r: f"PMAK-{rs(r, '0123456789abcdef', 24)}-{rs(r, '0123456789abcdef', 34)}", "POSTMAN_API_KEY", ENV + CODE),
    "linear-api-key": (lambda r: "lin_api_" + rs(r, ALNUM, 40), "LINEAR_API_KEY", ENV + CODE),
    "pulumi-token": (lambda r: "pul-" + rs(r, "0123456789abcdef", 40), "PULUMI_ACCESS_TOKEN", ENV + CODE),
    "newrelic-user-key": (lambda r: "NRAK-" + rs(r, string.ascii_uppercase + string.digits, 27), "NEW_RELIC_API_KEY", ENV + CODE),
    "grafana-service-account": (lambda r: f"glsa_{rs(r, ALNUM, 32)}_{rs(r, '0123456789abcdef', 8)}", "GRAFANA_TOKEN", ENV + CODE),
    "discord-webhook": (lambda r: f"https://discord.com/api/webhooks/{rs(r, string.digits, 18)}/{rs(r, ALNUM + '_-', 68)}", "DISCORD_WEBHOOK", ENV + CODE),
    "telegram-bot-token": (lambda r: f"{rs(r, string.digits, 10)}:AA{rs(r, ALNUM + '_-', 33)}", "TELEGRAM_BOT_TOKEN", ENV + CODE),
    "postgres-url-password": (lambda r: f"postgres://app:{rs(r, ALNUM, 20)}@db.internal:5432/app", "DATABASE_URL", ENV + CODE),
}
# Decoys: same shapes, but placeholders, broken checksums or wrong lengths. None must be reported.
DECOYS = [
    lambda r: "AKIAIOSFODNN7EXAMPLE",
    lambda r: crc_token(r, "ghp_")[:-1] + ("A" if crc_token(r, "ghp_")[-1] != "A" else "B"),  # broken checksum
    lambda r: "ghp_" + "x" * 36,
    lambda r: "glpat-" + "x" * 20,
    lambda r: "glpat-" + rs(r, ALNUM, 12),
    lambda r: "sk_live_" + "0" * 24,
    lambda r: "xoxb-your-bot-token-here",
    lambda r: "${GITLAB_TOKEN}",
    lambda r: "<your-api-key>",
    lambda r: "npm_" + "a" * 36,
    lambda r: "AIza" + "X" * 35,
    lambda r: "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
    lambda r: "dop_v1_" + "0" * 64,
    lambda r: "changeme",
]

def collect(size_limit, rng):
    files = []
    for root in SOURCES:
        if not os.path.isdir(root): continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                p = os.path.join(dirpath, name)
                if os.path.splitext(name)[1].lower() not in TEXT_EXT or os.path.islink(p): continue
                try:
                    st = os.stat(p)
                    if not (512 <= st.st_size <= 4 << 20): continue
                    with open(p, "rb") as f:
                        head = f.read(8192)
                    if b"\0" in head: continue
                except OSError:
                    continue
                files.append((p, st.st_size))
    rng.shuffle(files)
    chosen, total = [], 0
    for p, s in files:
        if total >= size_limit: break
        chosen.append(p); total += s
    return chosen, total

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--size-mb", type=int, default=520)
    ap.add_argument("--per-format", type=int, default=8)
    ap.add_argument("--seed", type=int, default=20261125)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    if os.path.exists(a.out): shutil.rmtree(a.out)
    src = os.path.join(a.out, "src")
    chosen, total = collect(a.size_mb << 20, rng)
    if total < a.size_mb << 20:
        sys.exit(f"only {total >> 20} MB of text found; need {a.size_mb} MB")
    rel_paths = []
    for i, p in enumerate(chosen):
        rel = os.path.join("src", f"{i // 1000:03d}", p.lstrip("/").replace("/", "__"))
        dst = os.path.join(a.out, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(p, dst)
        rel_paths.append(rel)
    # Plant: each insertion goes into a distinct file, as a new line at a random position.
    targets = rng.sample(rel_paths, len(FORMATS) * a.per_format + len(DECOYS) * 4)
    planted, decoys, t = [], [], 0
    def insert(rel, text):
        path = os.path.join(a.out, rel)
        with open(path, "rb") as f: lines = f.read().split(b"\n")
        at = rng.randrange(0, max(1, len(lines) - 1))
        lines[at:at] = text.encode().split(b"\n")
        with open(path, "wb") as f: f.write(b"\n".join(lines))
        return at + 1
    for name, (gen, key, contexts) in FORMATS.items():
        for _ in range(a.per_format):
            secret = gen(rng)
            ctx = rng.choice(contexts)
            line = insert(targets[t], ctx.format(k=key or "", s=secret)); 
            planted.append({"file": targets[t], "line": line, "format": name, "secret": secret}); t += 1
    for gen in DECOYS:
        for _ in range(4):
            secret = gen(rng)
            line = insert(targets[t], f'API_TOKEN = "{secret}"')
            decoys.append({"file": targets[t], "line": line, "secret": secret}); t += 1
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump({"bytes": total, "files": len(rel_paths), "formats": len(FORMATS), "planted": planted, "decoys": decoys}, f, indent=1)
    print(f"corpus: {len(rel_paths)} files, {total / 1e6:.0f} MB, {len(planted)} planted secrets of {len(FORMATS)} formats, {len(decoys)} decoys")

if __name__ == "__main__":
    main()
