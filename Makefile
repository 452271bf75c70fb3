# The two commands a new machine needs: `make dev` and `make test`.
.PHONY: dev test lint unit integration package-check bench package

CARGO ?= cargo

dev:
	@infra/dev.sh

test: lint unit package-check integration

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings
	infra/sam-validate.sh

# The function packages are 3-line mains naming a route (clippy checks them; their routes'
# code is tested in its context): linking ~60 test harnesses of them would only cost time.
unit:
	$(CARGO) test --workspace --exclude '*-functions' --exclude bare-function --quiet

integration:
	infra/bootstrap-venv.sh
	infra/ensure-chromium.sh
	infra/ensure-poppler.sh
	$(CARGO) build --quiet -p local-server -p customers-admin
	cd tests && ../.venv/bin/python -m pytest -q

# Every function package cross-builds for arm64 and packages as a Lambda zip (dev profile,
# fast to link; the first function of each package, since a package's functions differ
# only in the route they name; `make package` makes every release zip). A plain
# `cargo check --target aarch64-...` is not enough on a fresh machine: C build scripts
# need a cross compiler, which cargo-lambda brings (Zig).
package-check:
	bench/zip_sizes.sh --debug --one-per-package

bench:
	infra/bench.sh

# Every function's arm64 deploy zip, with its size against the bare baseline.
package:
	bench/zip_sizes.sh
