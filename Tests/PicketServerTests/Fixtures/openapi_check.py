"""Walks every operation of Picket's OpenAPI document against a running server and checks each answer.

Usage: openapi_check.py --base URL --token ADMIN_TOKEN --viewer-token TOKEN --ids JSON --spec FILE

- The document validates as OpenAPI 3.1 (openapi-spec-validator) and the server serves the same document.
- Every operation is called (path ids from --ids, request bodies from the table below); the status code must be
  documented for the operation, and the JSON body must validate against the documented schema (JSON Schema
  2020-12, every $ref resolved against the document).
- Every operation but the document itself answers 401 with the documented error body when called without a token.
- Every operation that changes something answers 403 to a viewer.
Prints one line per check and exits 1 on the first batch of failures.
"""
import argparse
import copy
import json
import sys
import urllib.error
import urllib.request

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

BASE_URI = "urn:picket-openapi"


def call(base, method, path, token=None, body=None, query=""):
    url = base + path + (("?" + query) if query else "")
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method.upper())
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def absolutize(node):
    """Rewrites '#/...' references to the document's URI so sub-schemas validate against the whole document."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#"):
                out[k] = BASE_URI + v
            else:
                out[k] = absolutize(v)
        return out
    if isinstance(node, list):
        return [absolutize(v) for v in node]
    return node


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--viewer-token", required=True)
    ap.add_argument("--ids", required=True)
    ap.add_argument("--spec", required=True)
    a = ap.parse_args()
    ids = json.loads(a.ids)
    failures = []
    checks = 0

    with open(a.spec) as f:
        spec = json.load(f)
    validate(spec)
    print("ok   the document is valid OpenAPI 3.1")
    status, ctype, served = call(a.base, "get", "/api/v1/openapi.json")
    if status != 200 or json.loads(served) != spec:
        failures.append("the server does not serve docs/openapi.json at /api/v1/openapi.json")
    checks += 1

    registry = Registry().with_resource(BASE_URI, Resource.from_contents(absolutize(spec), default_specification=DRAFT202012))

    def check_body(op_id, responses, status, ctype, raw):
        documented = responses.get(str(status))
        if documented is None:
            return f"{op_id}: status {status} is not documented ({raw[:200]!r})"
        content = documented.get("content", {}).get("application/json")
        if content is None:
            return None
        if "json" not in ctype:
            return f"{op_id}: status {status} answered {ctype!r}, documented JSON"
        try:
            body = json.loads(raw)
        except ValueError:
            return f"{op_id}: status {status}: the body is not JSON"
        schema = absolutize(content["schema"])
        errors = sorted(Draft202012Validator(schema, registry=registry).iter_errors(body), key=lambda e: list(e.path))
        if errors:
            e = errors[0]
            return f"{op_id}: status {status}: {e.message} at {'/'.join(map(str, e.path))}"
        return None

    bodies = {
        "updateWorkspace": {"gateSeverity": "high", "schedule": "daily"},
        "ignoreFindings": {"ids": [ids["finding"]], "reason": "openapi conformance check"},
        "unignoreFindings": {"ids": [ids["finding"]], "reason": "openapi conformance check"},
    }
    # Query strings that exercise the filters (each must be accepted and the answer must still validate).
    queries = {
        "listFindings": ["", "severity=high&severity=critical&kind=secret&state=all&sort=path&direction=asc&limit=2",
                         f"repository={ids['repository']}&q=key&min_severity=low&sort=last-seen", "state=ignored&state=fixed"],
        "listScans": ["", f"repository={ids['repository']}", f"workspace={ids['workspace']}&limit=1"],
        "listJobs": ["", "status=failed"],
        "listRepositories": ["", f"workspace={ids['workspace']}&archived=true"],
        "listComponents": ["", f"repository={ids['repository']}&q=REQ&ecosystem=PyPI&limit=1",
                           f"workspace={ids['workspace']}&version=2.0.0&offset=1"],
        "getRepositorySBOM": ["", "format=spdx"],
    }

    order = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            # Reads first, then changes, so reads see the seeded data untouched.
            order.append((0 if method == "get" else 1, path, method, op))
    order.sort(key=lambda t: t[0])

    for _, path, method, op in order:
        op_id = op["operationId"]
        concrete = path
        for seg, key in (("workspaces", "workspace"), ("repositories", "repository"), ("findings", "finding"),
                         ("scans", "scan"), ("jobs", "job")):
            if path.startswith(f"/api/v1/{seg}/{{id}}"):
                concrete = path.replace("{id}", str(ids[key]))
        public = op.get("security") == []
        for query in queries.get(op_id, [""]):
            status, ctype, raw = call(a.base, method, concrete, a.token, bodies.get(op_id), query)
            checks += 1
            problem = check_body(op_id, op["responses"], status, ctype, raw)
            if problem is None and status >= 400 and op_id not in ("retryJob",):
                problem = f"{op_id}: expected success, got {status}: {raw[:200]!r}"
            print(("FAIL " if problem else "ok   ") + f"{method.upper()} {concrete}{'?' + query if query else ''} -> {status}")
            if problem:
                failures.append(problem)
        if not public:
            status, ctype, raw = call(a.base, method, concrete, None, bodies.get(op_id))
            checks += 1
            problem = check_body(op_id, op["responses"], status, ctype, raw) if status == 401 else f"{op_id}: without a token answered {status}"
            print(("FAIL " if problem else "ok   ") + f"{method.upper()} {concrete} without a token -> {status}")
            if problem:
                failures.append(problem)
        if method != "get":
            status, ctype, raw = call(a.base, method, concrete, a.viewer_token, bodies.get(op_id))
            checks += 1
            problem = check_body(op_id, op["responses"], status, ctype, raw) if status == 403 else f"{op_id}: a viewer got {status}"
            print(("FAIL " if problem else "ok   ") + f"{method.upper()} {concrete} as a viewer -> {status}")
            if problem:
                failures.append(problem)

    # Bad input is answered with the documented error body.
    for method, path, body, query, op_path in (("get", "/api/v1/findings", None, "severity=urgent", "/api/v1/findings"),
                                              ("get", "/api/v1/findings", None, "cursor=%21%21garbage", "/api/v1/findings"),
                                              ("get", "/api/v1/findings/abc", None, "", "/api/v1/findings/{id}"),
                                              ("get", "/api/v1/findings/999999999", None, "", "/api/v1/findings/{id}"),
                                              ("post", "/api/v1/findings/ignore", {"ids": []}, "", "/api/v1/findings/ignore"),
                                              ("post", "/api/v1/findings/ignore", {"ids": [ids["finding"]]}, "", "/api/v1/findings/ignore"),
                                              ("patch", f"/api/v1/workspaces/{ids['workspace']}", {"schedule": "whenever"}, "", "/api/v1/workspaces/{id}")):
        status, ctype, raw = call(a.base, method, path, a.token, body, query)
        checks += 1
        op = spec["paths"][op_path][method]
        problem = check_body(op["operationId"], op["responses"], status, ctype, raw)
        if problem is None and status < 400:
            problem = f"{method.upper()} {path}?{query}: bad input accepted ({status})"
        print(("FAIL " if problem else "ok   ") + f"{method.upper()} {path}{'?' + query if query else ''} (bad input) -> {status}")
        if problem:
            failures.append(problem)

    print(f"{checks} checks, {len(failures)} failures")
    for f in failures:
        print("  " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
