# supportplan — build, run, test, install.
# `make run` starts the REPL on the standard model; `make test` runs every test.
PREFIX ?= /usr/local
SWIFT ?= swift
CONFIG ?= release
BUILD_FLAGS = -c $(CONFIG) -Xswiftc -static-stdlib
SHARED ?= ../shared

.PHONY: all build run test install uninstall deps lint format bench clean

all: build

# libedit's headers: a fresh machine has only the runtime library.
deps:
	@if [ ! -f /usr/include/histedit.h ]; then \
	  echo "installing libedit-dev"; \
	  (apt-get update -qq || true) && apt-get install -y -qq libedit-dev; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product supportplan

run: build
	$(SWIFT) build $(BUILD_FLAGS) --show-bin-path >/dev/null
	"$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest
	$(MAKE) build
	./Tests/run-scripts.sh "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan"
	python3 Tests/repl/test_repl.py "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan"
	python3 Tests/repl/test_faults.py "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan"

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/supportplan/presets"
	install -m 755 "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan" "$(DESTDIR)$(PREFIX)/bin/supportplan"
	install -m 644 Presets/*.plan "$(DESTDIR)$(PREFIX)/share/supportplan/presets/"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/supportplan"
	rm -rf "$(DESTDIR)$(PREFIX)/share/supportplan"

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

bench: build
	./Tests/bench/run.sh "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan" $(SHARED)/bench

clean:
	rm -rf .build
