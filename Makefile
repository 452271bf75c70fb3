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

unit:
	$(CARGO) test --workspace --quiet

integration:
	infra/bootstrap-venv.sh
	infra/ensure-chromium.sh
	$(CARGO) build --quiet -p local-server -p customers-admin
	cd tests && ../.venv/bin/python -m pytest -q

# Every function type-checks for arm64 (the Lambda target); linking and zipping every
# binary is `make package`'s job (minutes per context on 2 cores), not the test path's.
package-check:
	infra/check-arm64.sh

bench:
	infra/bench.sh

# Every function's arm64 deploy zip, with its size against the bare baseline.
package:
	bench/zip_sizes.sh
