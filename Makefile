# Picket: `make run` shows it working on a bundled sample; `make test` runs the whole suite.
SWIFT ?= swift
DEMO_DIR := .build/demo-repo

.PHONY: run test build release deps test-deps venv engines demo-repo clean

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

# Python engines (semgrep, checkov) in .venv, pinned in scripts/requirements-engines.txt; idempotent.
venv:
	@scripts/python-venv.sh

# The name Picket's messages use for the same step.
engines: venv

release: deps
	$(SWIFT) build -c release --product picket

build: deps
	$(SWIFT) build --product picket

# The main job on the embedded default: scan the bundled sample repository (working tree and git history).
run: release demo-repo
	@echo "== picket scan $(DEMO_DIR)"
	-.build/release/picket scan $(DEMO_DIR) --data-dir .build/demo-data
	@echo
	@echo "== picket scan --history $(DEMO_DIR)"
	-.build/release/picket scan --history $(DEMO_DIR) --data-dir .build/demo-data

demo-repo:
	@scripts/make-demo-repo.sh samples/demo $(DEMO_DIR)

# One debug build, then the suite (Swift Testing prints the summary).
test: test-deps venv
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

clean:
	rm -rf .build
