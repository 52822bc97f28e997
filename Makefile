# Picket: `make run` shows it working on a bundled sample; `make test` runs the whole suite.
SWIFT ?= swift
DEMO_DIR := .build/demo-repo

.PHONY: run scan-demo test build release deps test-deps venv engines demo-repo sim clean

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

# Python tools in .venv (semgrep, checkov, python-gitlab, selenium), pinned in scripts/requirements-*.txt; idempotent.
venv:
	@scripts/python-venv.sh >/dev/null

# The name Picket's messages use for the same step.
engines: venv

release: deps
	$(SWIFT) build -c release --product picket

build: deps
	$(SWIFT) build --product picket

# The main job: the platform. A simulated GitLab with the sample group (gitlab-sim) and `picket serve` on SQLite
# connected to it; prints the dashboard URL and the first admin's one-time password (scripts/run-platform.sh).
run: deps
	$(SWIFT) build -c release --product gitlab-sim
	$(SWIFT) build -c release --product picket
	@scripts/run-platform.sh .build/release

# The CLI on the bundled sample repository (working tree and git history).
scan-demo: release demo-repo
	@echo "== picket scan $(DEMO_DIR)"
	-.build/release/picket scan $(DEMO_DIR) --data-dir .build/demo-data
	@echo
	@echo "== picket scan --history $(DEMO_DIR)"
	-.build/release/picket scan --history $(DEMO_DIR) --data-dir .build/demo-data

# A simulated GitLab on 127.0.0.1 with the sample world (tokens in samples/gitlab-world/world.yml).
sim:
	$(SWIFT) build --product gitlab-sim
	.build/debug/gitlab-sim --world samples/gitlab-world/world.yml --port $${SIM_PORT:-8929} --state-dir .build/gitlab-sim

demo-repo:
	@scripts/make-demo-repo.sh samples/demo $(DEMO_DIR)

# One debug build, then the suite (Swift Testing prints the summary). The store suites also run against a
# private PostgreSQL cluster that scripts/postgres-test.sh starts (idempotent).
test: test-deps venv
	@scripts/postgres-test.sh start
	$(SWIFT) build --build-tests
	@scripts/run-tests.sh

clean:
	rm -rf .build
