#!/usr/bin/env python3
"""Writes a gitlab-sim world for the GitLab benchmark: one Ultimate group with three levels of subgroups
(5 x 4 x 3 = 85 subgroups), N projects spread over every level, a group service account invited as Maintainer,
and GitLab.com's documented rate limits switched on (the simulator's defaults for those limits).

usage: make_world.py OUT_DIR [--projects 500] [--api-limit N]
Every project gets a small source tree; every 10th one carries a planted fake token for the scanner to find."""
import argparse
import os

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--projects", type=int, default=500)
p.add_argument("--api-limit", type=int, default=2000, help="authenticated API requests per minute (GitLab.com: 2000)")
a = p.parse_args()

os.makedirs(a.out + "/projects/plain", exist_ok=True)
os.makedirs(a.out + "/projects/leaky/config", exist_ok=True)
with open(a.out + "/projects/plain/README.md", "w") as f:
    f.write("# service\n")
with open(a.out + "/projects/plain/main.py", "w") as f:
    f.write("def handler(event):\n    return {'ok': True}\n" * 20)
with open(a.out + "/projects/leaky/README.md", "w") as f:
    f.write("# service\n")
with open(a.out + "/projects/leaky/config/settings.py", "w") as f:
    f.write('GITLAB_TOKEN = "glpat-3Fq9vR2xKp7LmN4tYw8Z"  # planted fake for the benchmark\n')

groups = []          # (full_path, yaml lines)
namespaces = ["bench"]
lines = []
lines.append("instance:")
lines.append('  version: "17.9.2-ee"')
lines.append("  rate_limits:")
lines.append("    enabled: true")
lines.append("    authenticated_api: { limit: %d, period: 60 }" % a.api_limit)
lines.append("users:")
lines.append("  - { id: 1, username: service_account_group_1_picket, name: Picket, user_type: service_account }")
lines.append("groups:")
lines.append("  - id: 1")
lines.append("    path: bench")
lines.append("    name: Bench")
lines.append("    plan: ultimate")
lines.append("    members: [ { user: service_account_group_1_picket, access_level: 40 } ]")
lines.append("    subgroups:")
gid = 100
for i in range(5):
    gid += 1
    l1 = "bench/area%d" % i
    namespaces.append(l1)
    lines.append("      - { id: %d, path: area%d, name: Area %d, subgroups: [" % (gid, i, i))
    subs = []
    for j in range(4):
        gid += 1
        l2 = "%s/team%d" % (l1, j)
        namespaces.append(l2)
        inner = []
        for k in range(3):
            gid += 1
            namespaces.append("%s/svc%d" % (l2, k))
            inner.append("{ id: %d, path: svc%d, name: Svc %d }" % (gid, k, k))
        subs.append("{ id: %d, path: team%d, name: Team %d, subgroups: [ %s ] }" % (gid - 3, j, j, ", ".join(inner)))
    lines.append("          " + ",\n          ".join(subs))
    lines.append("        ] }")
lines.append("projects:")
for n in range(a.projects):
    ns = namespaces[n % len(namespaces)]
    src = "projects/leaky" if n % 10 == 0 else "projects/plain"
    lines.append("  - { id: %d, path: p%d, namespace: %s, source: %s }" % (1000 + n, n, ns, src))
lines.append("tokens:")
lines.append("  - { id: 1, value: glpat-BenchServiceToken0001, user: service_account_group_1_picket, name: picket, scopes: [api], expires_at: null }")
with open(a.out + "/world.yml", "w") as f:
    f.write("\n".join(lines) + "\n")
print("%s/world.yml: %d projects in %d namespaces" % (a.out, a.projects, len(namespaces)))
