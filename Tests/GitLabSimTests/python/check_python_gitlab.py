"""Fidelity check of gitlab-sim with python-gitlab, an independent client.

Reads GITLAB_SIM_URL and the tokens from the environment (never argv), exercises the API the way python-gitlab
does, and exits non-zero listing every failed check.
"""
import os
import sys

import gitlab

URL = os.environ["GITLAB_SIM_URL"]
TOKEN = os.environ["GITLAB_SIM_TOKEN"]
ROTATE_TOKEN = os.environ["GITLAB_SIM_ROTATE_TOKEN"]
EXPIRED_TOKEN = os.environ["GITLAB_SIM_EXPIRED_TOKEN"]

failures = []
passed = 0


def check(name, cond, detail=""):
    global passed
    if cond:
        passed += 1
    else:
        failures.append(f"{name}: {detail}")


gl = gitlab.Gitlab(URL, private_token=TOKEN, retry_transient_errors=False)
gl.auth()
check("auth user", gl.user.username == "service_account_group_10_picket", gl.user.username)
check("user is bot", gl.user.bot is True)
check("version", gl.version() == ("17.9.2-ee", "4c1d2a5f8e3"), gl.version())

pat = gl.personal_access_tokens.get("self")
check("token self name", pat.name == "picket", pat.name)
check("token self scopes", pat.scopes == ["api", "read_repository"], pat.scopes)
check("token self expiry", pat.expires_at is None, pat.expires_at)
check("token self active", pat.active is True)

group = gl.groups.get("acme")
check("group full_path", group.full_path == "acme")
subgroups = group.subgroups.list(get_all=True)
check("subgroups", sorted(g.path for g in subgroups) == ["legacy", "platform", "web"], [g.path for g in subgroups])
descendants = group.descendant_groups.list(get_all=True)
check("descendant groups", len(descendants) == 5, len(descendants))
payments = gl.groups.get("acme/platform/backend/payments")
check("deep group by path", payments.id == 13, payments.id)

# Offset pagination across pages, get_all and iterator.
everything = group.projects.list(include_subgroups=True, per_page=2, order_by="id", sort="asc", get_all=True)
check("get_all offset", [p.id for p in everything] == [101, 102, 103, 104, 105, 106], [p.id for p in everything])
it = group.projects.list(include_subgroups=True, per_page=2, iterator=True)
check("iterator total", it.total == 6, it.total)
check("iterator pages", it.total_pages == 3, it.total_pages)
check("iterator items", sorted(p.id for p in it) == [101, 102, 103, 104, 105, 106])
first_page = group.projects.list(include_subgroups=True, per_page=4, page=1)
check("single page", len(first_page) == 4, len(first_page))
active = group.projects.list(include_subgroups=True, archived=False, get_all=True)
check("archived filter", 105 not in [p.id for p in active], [p.id for p in active])

# Keyset pagination.
ks = group.projects.list(include_subgroups=True, pagination="keyset", order_by="id", sort="asc", per_page=2, iterator=True)
check("keyset iterator", [p.id for p in ks] == [101, 102, 103, 104, 105, 106])
ks_all = gl.projects.list(pagination="keyset", order_by="id", sort="asc", per_page=3, get_all=True)
check("keyset get_all /projects", [p.id for p in ks_all] == [101, 102, 103, 104, 105, 106, 107], [p.id for p in ks_all])

# Members, including inherited ones.
me = payments.members_all.get(gl.user.id)
check("members_all inherited level", me.access_level == 40, me.access_level)
levels = {m.username: m.access_level for m in payments.members_all.list(get_all=True)}
check("members_all list", levels == {"alice": 50, "bob": 30, "service_account_group_10_picket": 40}, levels)
try:
    payments.members_all.get(7)
    check("members_all non-member 404", False, "no error")
except gitlab.exceptions.GitlabGetError as e:
    check("members_all non-member 404", e.response_code == 404, e.response_code)

# Projects, commits, statuses.
project = gl.projects.get("acme/platform/backend/payments/payments-api")
check("project by path", project.id == 101, project.id)
check("project default branch", project.default_branch == "main")
check("project permissions", project.permissions["group_access"]["access_level"] == 40, project.permissions)
commit = project.commits.get("main")
check("commit title", commit.title == "Move credentials to the environment", commit.title)
status = commit.statuses.create({"state": "success", "name": "picket", "target_url": "http://127.0.0.1/report", "description": "0 findings"})
check("status created", status.status == "success" and status.name == "picket", status.attributes)
statuses = commit.statuses.list(get_all=True)
check("status listed", [s.name for s in statuses] == ["picket"], [s.name for s in statuses])
branches = project.branches.list(get_all=True)
check("branches", sorted(b.name for b in branches) == ["feature/stripe", "main"], [b.name for b in branches])
raw = project.files.raw(file_path="app/settings.py", ref="main")
check("raw file", b"os.environ" in raw)

# Merge request, notes, diffs.
mr = project.mergerequests.get(1)
check("mr source branch", mr.source_branch == "feature/stripe")
note = mr.notes.create({"body": "Picket found 1 secret"})
check("note created", note.body == "Picket found 1 secret")
note.body = "Picket found 0 secrets"
note.save()
check("note updated", mr.notes.get(note.id).body == "Picket found 0 secrets")
versions = mr.diffs.list(get_all=True)  # python-gitlab maps MR "diffs" to the versions endpoint
check("mr versions", len(versions) == 1 and versions[0].head_commit_sha == mr.sha, [v.attributes for v in versions])
changes = mr.changes()
check("mr changes", [c["new_path"] for c in changes["changes"]] == ["app/stripe_client.py"], changes.get("changes"))

# Hooks.
hook = project.hooks.create({"url": "http://127.0.0.1:9/hook", "token": "s3cret", "push_events": True, "merge_requests_events": True})
check("hook created", hook.url == "http://127.0.0.1:9/hook" and not hasattr(hook, "token"))
check("hook listed", [h.id for h in project.hooks.list(get_all=True)] == [hook.id])
hook.delete()
check("hook deleted", project.hooks.list(get_all=True) == [])

# Errors the way python-gitlab surfaces them.
try:
    gitlab.Gitlab(URL, private_token="glpat-nope").auth()
    check("bad token", False, "no error")
except gitlab.exceptions.GitlabAuthenticationError as e:
    check("bad token 401", e.response_code == 401, e.response_code)
try:
    gitlab.Gitlab(URL, private_token=EXPIRED_TOKEN).auth()
    check("expired token", False, "no error")
except gitlab.exceptions.GitlabAuthenticationError as e:
    # python-gitlab surfaces the OAuth `error` field; the description is in the body.
    check("expired token 401", e.response_code == 401 and e.error_message == "invalid_token" and b"Token is expired" in e.response_body,
          (e.error_message, e.response_body))

# Rotation through python-gitlab's manager.
rot = gitlab.Gitlab(URL, private_token=ROTATE_TOKEN)
rotated = rot.personal_access_tokens.rotate("self")
new_token = rotated["token"]
check("rotate returns token", new_token.startswith("glpat-"), rotated)
fresh = gitlab.Gitlab(URL, private_token=new_token)
fresh.auth()
check("rotated token works", fresh.user.username == "bob", fresh.user.username)
try:
    gitlab.Gitlab(URL, private_token=ROTATE_TOKEN).auth()
    check("old token revoked", False, "no error")
except gitlab.exceptions.GitlabAuthenticationError as e:
    check("old token revoked", e.response_code == 401 and b"Token was revoked" in e.response_body, e.response_body)

print(f"python-gitlab {gitlab.__version__}: {passed} passed, {len(failures)} failed")
for f in failures:
    print("FAILED", f)
sys.exit(1 if failures else 0)
