# parkd — build, run, test and benchmark.
SWIFT      ?= swift
STATE_DIR  ?= $(CURDIR)/.state
PREFIX     ?= /usr/local
APT_PACKAGES := libsqlite3-dev libsystemd-dev sqlite3 pkg-config util-linux
PIP_PACKAGES := varlink python-stdnum

.PHONY: all deps build run test bench clean

all: build

# Installs what building and testing need, when it is missing (root, or sudo without a password).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else \
	    echo "missing system packages:$$missing (install them as root)"; exit 1; fi; \
	  echo "installing$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c "import varlink, stdnum" 2>/dev/null || python3 -m pip install -q $(PIP_PACKAGES)

build: deps
	$(SWIFT) build

# The quick start: parkd in the foreground on its embedded defaults, state under ./.state.
run: build
	@mkdir -p $(STATE_DIR)
	@echo "parkd: state in $(STATE_DIR); in another shell:  export PARKD_SOCKET=$(STATE_DIR)/control.sock; $$($(SWIFT) build --show-bin-path)/parkctl status"
	$$($(SWIFT) build --show-bin-path)/parkd --state-dir $(STATE_DIR) --socket $(STATE_DIR)/control.sock

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

# Figures for the admin channel (release build, real parkd on a temp dir).
bench: deps
	$(SWIFT) build -c release --product parkd
	$(SWIFT) build -c release --product parkd-bench
	$$($(SWIFT) build -c release --show-bin-path)/parkd-bench --parkd $$($(SWIFT) build -c release --show-bin-path)/parkd

clean:
	rm -rf .build $(STATE_DIR)
