#!/usr/bin/env bash
# Idle cost of parkd's scheduler: a parkd with 10 timers (none due during the measurement) is
# left alone, and the context switches of all its threads (/proc/PID/task/*/status) are summed
# before and after SECONDS_IDLE seconds. A parkd that sleeps until its next elapse shows none.
#
#   bash Benchmarks/IdleWakeups/idle-wakeups.sh [SECONDS_IDLE]      (default 60)
#
# PARKD names the binary (default: the debug build's). No watchdog is set (WATCHDOG_USEC), as
# with no WatchdogSec=: parkd's supervision then refreshes its status line every 15 s (under
# systemd's WatchdogSec=30s it does so with the watchdog ping, at the same pace). The switches
# are also shown thread by thread: the scheduler's own thread is parkd-clock.
set -euo pipefail
cd "$(dirname "$0")/../.."
idle=${1:-60}
parkd=${PARKD:-$(swift build --show-bin-path)/parkd}
dir=$(mktemp -d /tmp/parkd-idle-XXXXXX)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

{
  echo "calendar:"
  echo "  directory: $PWD/Config/calendar"
  echo "policies:"
  echo "  directory: $PWD/Config/policies"
  echo "timers:"
  actions=(reward-run-monthly reward-run-annual missing-reports lease-expiry backup optimize optimize backup missing-reports lease-expiry)
  for i in $(seq 0 9); do
    echo "  - name: job-$i"
    # Elapses far enough ahead that none comes due while measuring.
    echo "    on_calendar: \"*-*-01 0$((i % 6)):$((10 + i)):00\""
    echo "    action: ${actions[$i]}"
    echo "    persistent: true"
    [ $((i % 2)) -eq 0 ] && echo "    working_days_only: true"
  done
} > "$dir/parkd.yaml"

# The system clock, as in production: the scheduler sleeps on a timerfd (CLOCK_REALTIME,
# TFD_TIMER_CANCEL_ON_SET). Elapses on the 1st of a month: run it on another day.
env -u WATCHDOG_USEC -u NOTIFY_SOCKET -u PARKD_CLOCK_FILE \
  "$parkd" --config "$dir/parkd.yaml" --state-dir "$dir" --socket "$dir/control.sock" >"$dir/parkd.log" 2>&1 &
pid=$!
for _ in $(seq 100); do [ -S "$dir/control.sock" ] && break; sleep 0.1; done
[ -S "$dir/control.sock" ] || { cat "$dir/parkd.log"; exit 1; }
# Past start-up: libdispatch's worker threads end after some seconds idle.
sleep 10

# tid, name, voluntary and all context switches of each thread.
per_thread() {
  for task in /proc/"$pid"/task/*; do
    printf '%s %s %s %s\n' "${task##*/}" "$(tr ' ' _ < "$task/comm")" \
      "$(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status")" \
      "$(awk '/ctxt_switches/ {s += $2} END {print s}' "$task/status")"
  done
}

threads=$(ls /proc/"$pid"/task | wc -l)
per_thread > "$dir/before"
sleep "$idle"
per_thread > "$dir/after"
timers=$(PARKD_SOCKET="$dir/control.sock" "$(dirname "$parkd")/parkctl" timer list | tail -1)
# A thread that started during the measurement counts from 0; one that ended is listed as ended.
awk -v idle="$idle" -v threads="$threads" -v timers="$timers" -v pid="$pid" '
  FNR == NR { v0[$1] = $3; t0[$1] = $4; name[$1] = $2; next }
  { dv = $3 - ($1 in v0 ? v0[$1] : 0); dt = $4 - ($1 in t0 ? t0[$1] : 0); seen[$1] = 1
    voluntary += dv; total += dt; line[++n] = sprintf("    %s %s: %d", $1, $2, dt) }
  END {
    printf "parkd (pid %s, %s threads) with 10 timers (%s), idle for %ss:\n", pid, threads, timers, idle
    printf "  voluntary context switches: %d (%.3f per second)\n", voluntary, voluntary / idle
    printf "  all context switches:       %d (%.3f per second)\n", total, total / idle
    print "  by thread (tid name: context switches during the idle time):"
    for (i = 1; i <= n; i++) print line[i]
    for (t in name) if (!(t in seen)) printf "    %s %s: ended during the measurement\n", t, name[t]
  }' "$dir/before" "$dir/after"
