# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: run test bench install install-run frontend build fmt clean

run: install-run
	scripts/run-dev.sh

test: install
	scripts/test.sh

bench: install frontend
	scripts/bench.sh

install:
	scripts/install-deps.sh

install-run:
	scripts/install-deps.sh run

# Hydration bundle (wasm + JS glue) served under /pkg; pages work without it.
frontend:
	scripts/build-frontend.sh

build: install-run frontend
	$(CARGO) build --locked -p sijill-backend --bin sijill

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean
	rm -rf var
