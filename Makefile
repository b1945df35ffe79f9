# parkd — build, run, test and benchmark.
SWIFT      ?= swift
STATE_DIR  ?= $(CURDIR)/.state
POLICY_DIR ?= $(CURDIR)/Config/policies
CALENDAR_DIR ?= $(CURDIR)/Config/calendar
# A configuration file for `make run` (none: the embedded defaults).
CONFIG     ?=
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
SYSCONFDIR ?= /etc
UNITS      := parkd.service parkd.socket parkd@.service parkd@.socket
APT_PACKAGES := libsqlite3-dev libsystemd-dev sqlite3 pkg-config util-linux systemd tzdata chromium fonts-noto-cjk
PIP_PACKAGES := varlink python-stdnum chinesecalendar icalendar recurring-ical-events cryptography

.PHONY: all deps build run test check-architecture bench clean install install-files uninstall man

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
	@python3 -c "import varlink, stdnum, chinese_calendar, icalendar, recurring_ical_events" 2>/dev/null || python3 -m pip install -q $(PIP_PACKAGES)

build: deps
	$(SWIFT) build

# The quick start: parkd in the foreground on its embedded defaults, state under ./.state, the
# shipped policies and working-day calendar (STATE_DIR, POLICY_DIR and CALENDAR_DIR change them,
# CONFIG names a configuration file; only parkd and parkctl are built).
run: deps
	$(SWIFT) build --product parkd
	$(SWIFT) build --product parkctl
	@mkdir -p $(STATE_DIR)
	@echo "parkd: state in $(STATE_DIR); in another shell:  export PARKD_SOCKET=$(STATE_DIR)/control.sock; $$($(SWIFT) build --show-bin-path)/parkctl status"
	$$($(SWIFT) build --show-bin-path)/parkd --state-dir $(STATE_DIR) --socket $(STATE_DIR)/control.sock --policy-dir $(POLICY_DIR) --calendar-dir $(CALENDAR_DIR) $(if $(CONFIG),--config $(CONFIG))

test: deps check-architecture
	$(SWIFT) build --build-tests
	$(SWIFT) test

# Each module imports only what ARCHITECTURE.md allows.
check-architecture:
	bash .ci/check-architecture

# Figures for the admin channel (release build, real parkd on a temp dir; the round trips again
# with client and parkd sharing one CPU), then for the reward engine with the reference policies
# (one thread), then parkd's start (exec to READY=1 on an empty and a 1 GiB park) and its
# resident memory on the demo park.
bench: deps
	$(SWIFT) build -c release --product parkd
	$(SWIFT) build -c release --product parkd-bench
	cc -O2 -pthread -Wall -o .build/c-echo Benchmarks/EchoPeer/c-echo.c
	$$($(SWIFT) build -c release --show-bin-path)/parkd-bench --parkd $$($(SWIFT) build -c release --show-bin-path)/parkd --policies Config/policies --c-echo .build/c-echo
	@echo; echo "the same round trips with the client and parkd on one virtual CPU (no wake-up across CPUs):"
	taskset -c 0 $$($(SWIFT) build -c release --show-bin-path)/parkd-bench --parkd $$($(SWIFT) build -c release --show-bin-path)/parkd --only read
	Benchmarks/Spool/spool-bench.sh $$($(SWIFT) build -c release --show-bin-path)/parkd-bench $$($(SWIFT) build -c release --show-bin-path)/parkd
	$(SWIFT) build -c release --product policy-bench
	$$($(SWIFT) build -c release --show-bin-path)/policy-bench --policies Config/policies
	$(SWIFT) build -c release --product parkctl
	python3 Benchmarks/StartTime/start-time.py --parkd $$($(SWIFT) build -c release --show-bin-path)/parkd --parkctl $$($(SWIFT) build -c release --show-bin-path)/parkctl
	PARKD=$$($(SWIFT) build -c release --show-bin-path)/parkd bash Benchmarks/IdleWakeups/idle-wakeups.sh 30

# Release binaries, man pages, units, sysusers/tmpfiles entries, completions, default configuration.
install: deps man
	$(SWIFT) build -c release --product parkd
	$(SWIFT) build -c release --product parkctl
	$(MAKE) install-files BUILT_BINARIES="$$($(SWIFT) build -c release --show-bin-path)" MANPAGES=.build/man

# Man pages from the commands' own help (swift-argument-parser's GenerateManual plugin, which
# builds the release binaries): parkctl(1), and parkd(8), a system daemon. The plugin gives
# every tool the section it is asked for, hence a run per section. Its page of a root command
# always has a `help` subcommand (argument-parser adds one to the help it dumps), so parkd's
# synopsis would read `parkd subcommand`: the subcommand and its entry are taken out.
man: deps
	rm -rf .build/man .build/man8 && mkdir -p .build/man .build/man8
	$(SWIFT) package --allow-writing-to-directory .build/man generate-manual --output-directory .build/man
	$(SWIFT) package --allow-writing-to-directory .build/man8 generate-manual --section 8 --output-directory .build/man8
	rm -f .build/man/parkd.1
	sed -e '/^\.Ar subcommand$$/d' -e '/^\.It Em help$$/,/^\.El$$/d' .build/man8/parkd.8 > .build/man/parkd.8

# Copies already-built files into place (DESTDIR, PREFIX and the *DIR variables are honoured).
# An edited /etc/parkd/parkd.yaml is never overwritten: the new default goes beside it. The
# reference policies and the working-day calendar go to /etc/parkd/policies and
# /etc/parkd/calendar on the first install only (they are the park's to edit); every install
# refreshes the copies in share/parkd/policies and share/parkd/calendar.
install-files:
	@test -x "$(BUILT_BINARIES)/parkd" || { echo "BUILT_BINARIES must name the directory holding parkd and parkctl"; exit 1; }
	install -D -m 0755 "$(BUILT_BINARIES)/parkd" "$(DESTDIR)$(BINDIR)/parkd"
	install -D -m 0755 "$(BUILT_BINARIES)/parkctl" "$(DESTDIR)$(BINDIR)/parkctl"
	install -d "$(DESTDIR)$(UNITDIR)"
	for unit in $(UNITS); do \
	  sed 's|/usr/bin/parkd|$(BINDIR)/parkd|g' "Deploy/$$unit" > "$(DESTDIR)$(UNITDIR)/$$unit"; \
	  chmod 0644 "$(DESTDIR)$(UNITDIR)/$$unit"; \
	done
	install -D -m 0644 Deploy/parkd.sysusers "$(DESTDIR)$(SYSUSERSDIR)/parkd.conf"
	install -D -m 0644 Deploy/parkd.tmpfiles "$(DESTDIR)$(TMPFILESDIR)/parkd.conf"
	install -d "$(DESTDIR)$(DATADIR)/parkd/demo"
	install -m 0644 Config/demo/*.csv "$(DESTDIR)$(DATADIR)/parkd/demo/"
	install -d "$(DESTDIR)$(DATADIR)/parkd/policies/tests"
	install -m 0644 Config/policies/*.yaml "$(DESTDIR)$(DATADIR)/parkd/policies/"
	install -m 0644 Config/policies/tests/*.yaml "$(DESTDIR)$(DATADIR)/parkd/policies/tests/"
	install -d "$(DESTDIR)$(DATADIR)/parkd/calendar"
	install -m 0644 Config/calendar/*.yaml "$(DESTDIR)$(DATADIR)/parkd/calendar/"
	install -d "$(DESTDIR)$(SYSCONFDIR)/parkd"
	@for directory in policies calendar; do \
	  if [ -e "$(DESTDIR)$(SYSCONFDIR)/parkd/$$directory" ]; then \
	    echo "kept your $(SYSCONFDIR)/parkd/$$directory; the shipped files are in $(DATADIR)/parkd/$$directory"; \
	  else \
	    install -d "$(DESTDIR)$(SYSCONFDIR)/parkd/$$directory" && install -m 0644 Config/$$directory/*.yaml "$(DESTDIR)$(SYSCONFDIR)/parkd/$$directory/"; \
	  fi; \
	done
	@if [ -e "$(DESTDIR)$(SYSCONFDIR)/parkd/parkd.yaml" ] && ! cmp -s Config/parkd.yaml "$(DESTDIR)$(SYSCONFDIR)/parkd/parkd.yaml"; then \
	  install -m 0644 Config/parkd.yaml "$(DESTDIR)$(SYSCONFDIR)/parkd/parkd.yaml.default"; \
	  echo "kept your $(SYSCONFDIR)/parkd/parkd.yaml; the new default is parkd.yaml.default beside it"; \
	else \
	  install -m 0644 Config/parkd.yaml "$(DESTDIR)$(SYSCONFDIR)/parkd/parkd.yaml"; \
	fi
	@if [ ! -e "$(DESTDIR)$(SYSCONFDIR)/parkd/audit.key" ]; then \
	  "$(BUILT_BINARIES)/parkd" --generate-audit-key "$(DESTDIR)$(SYSCONFDIR)/parkd/audit.key"; \
	else \
	  echo "kept your $(SYSCONFDIR)/parkd/audit.key"; \
	fi
	install -d "$(DESTDIR)$(DATADIR)/bash-completion/completions" "$(DESTDIR)$(DATADIR)/zsh/site-functions" "$(DESTDIR)$(DATADIR)/fish/vendor_completions.d"
	"$(BUILT_BINARIES)/parkctl" --generate-completion-script bash > "$(DESTDIR)$(DATADIR)/bash-completion/completions/parkctl"
	"$(BUILT_BINARIES)/parkctl" --generate-completion-script zsh > "$(DESTDIR)$(DATADIR)/zsh/site-functions/_parkctl"
	"$(BUILT_BINARIES)/parkctl" --generate-completion-script fish > "$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/parkctl.fish"
	@for section in 1 8; do \
	  if [ -n "$(MANPAGES)" ] && ls "$(MANPAGES)"/*.$$section >/dev/null 2>&1; then \
	    install -d "$(DESTDIR)$(MANDIR)/man$$section" && install -m 0644 "$(MANPAGES)"/*.$$section "$(DESTDIR)$(MANDIR)/man$$section/"; \
	  fi; \
	done

# Removes what install put in place (and parkd's page in section 1, where earlier installs put
# it); an edited configuration stays.
uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/parkd" "$(DESTDIR)$(BINDIR)/parkctl"
	for unit in $(UNITS); do rm -f "$(DESTDIR)$(UNITDIR)/$$unit"; done
	rm -f "$(DESTDIR)$(SYSUSERSDIR)/parkd.conf" "$(DESTDIR)$(TMPFILESDIR)/parkd.conf"
	rm -f "$(DESTDIR)$(DATADIR)/bash-completion/completions/parkctl" "$(DESTDIR)$(DATADIR)/zsh/site-functions/_parkctl" \
	  "$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/parkctl.fish"
	rm -f "$(DESTDIR)$(MANDIR)"/man1/parkctl*.1 "$(DESTDIR)$(MANDIR)"/man8/parkd*.8 "$(DESTDIR)$(MANDIR)"/man1/parkd*.1
	rm -rf "$(DESTDIR)$(DATADIR)/parkd"
	rm -f "$(DESTDIR)$(SYSCONFDIR)/parkd/parkd.yaml.default"
	for shipped in Config/policies/*.yaml Config/calendar/*.yaml; do \
	  installed="$(DESTDIR)$(SYSCONFDIR)/parkd/$$(basename $$(dirname $$shipped))/$$(basename $$shipped)"; \
	  if cmp -s "$$shipped" "$$installed"; then rm -f "$$installed"; fi; \
	done
	rmdir "$(DESTDIR)$(SYSCONFDIR)/parkd/policies" "$(DESTDIR)$(SYSCONFDIR)/parkd/calendar" 2>/dev/null || true
	@if cmp -s Config/parkd.yaml "$(DESTDIR)$(SYSCONFDIR)/parkd/parkd.yaml"; then \
	  rm -f "$(DESTDIR)$(SYSCONFDIR)/parkd/parkd.yaml"; rmdir "$(DESTDIR)$(SYSCONFDIR)/parkd" 2>/dev/null || true; \
	elif [ -e "$(DESTDIR)$(SYSCONFDIR)/parkd/parkd.yaml" ]; then \
	  echo "kept your edited $(SYSCONFDIR)/parkd/parkd.yaml"; \
	fi

clean:
	rm -rf .build $(STATE_DIR)
