# supportplan — build, run, test, install.
# `make run` starts the REPL on the standard model; `make test` runs every test (the render check installs
# Debian's chromium and poppler-utils when they are missing).
PREFIX ?= /usr/local
SWIFT ?= swift
CONFIG ?= release
# `-no-pie`: a position-dependent executable needs none of the ~77,000 relative relocations a PIE applies at
# every start (a quarter of start-up: 5.4M → 4.3M instructions, 613 → 401 page faults for a one-line script).
BUILD_FLAGS = -c $(CONFIG) -Xswiftc -static-stdlib -Xlinker -no-pie
SHARED ?= ../shared
# `make install BIN=path/to/supportplan` installs that binary without building (the install test does).
BIN ?=
BIN_PATH = $(if $(BIN),$(BIN),$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan)
DATA = $(DESTDIR)$(PREFIX)/share

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
	python3 Tests/repl/test_timeline.py "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan"
	./Tests/install/test_install.sh "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan"
	./Tests/render/check_render.sh "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan"

# The binary, the presets, the man page and the completion scripts (made by the binary itself).
install: $(if $(BIN),,build)
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DATA)/supportplan/presets" "$(DATA)/man/man1" \
	  "$(DATA)/bash-completion/completions" "$(DATA)/zsh/site-functions" "$(DATA)/fish/vendor_completions.d"
	install -m 755 "$(BIN_PATH)" "$(DESTDIR)$(PREFIX)/bin/supportplan"
	install -m 644 Presets/*.plan "$(DATA)/supportplan/presets/"
	install -m 644 man/supportplan.1 "$(DATA)/man/man1/supportplan.1"
	"$(BIN_PATH)" --generate-completion-script bash > "$(DATA)/bash-completion/completions/supportplan"
	"$(BIN_PATH)" --generate-completion-script zsh > "$(DATA)/zsh/site-functions/_supportplan"
	"$(BIN_PATH)" --generate-completion-script fish > "$(DATA)/fish/vendor_completions.d/supportplan.fish"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/supportplan" "$(DATA)/man/man1/supportplan.1" \
	  "$(DATA)/bash-completion/completions/supportplan" "$(DATA)/zsh/site-functions/_supportplan" \
	  "$(DATA)/fish/vendor_completions.d/supportplan.fish"
	rm -rf "$(DATA)/supportplan"

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

bench: build
	./Tests/bench/run.sh "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/supportplan" $(SHARED)/bench

clean:
	rm -rf .build
