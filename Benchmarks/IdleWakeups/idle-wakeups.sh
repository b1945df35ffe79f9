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
# are also shown thread by thread: the scheduler's own thread is parkd-clock-watch.
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
sleep 3

switches() {
  local total=0 voluntary=0
  for status in /proc/"$pid"/task/*/status; do
    v=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$status" 2>/dev/null || echo 0)
    n=$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$status" 2>/dev/null || echo 0)
    voluntary=$((voluntary + v)); total=$((total + v + n))
  done
  echo "$voluntary $total"
}

per_thread() {
  for task in /proc/"$pid"/task/*; do
    printf '%s %s %s\n' "${task##*/}" "$(cat "$task/comm")" \
      "$(awk '/ctxt_switches/ {s += $2} END {print s}' "$task/status")"
  done | sort
}

threads=$(ls /proc/"$pid"/task | wc -l)
per_thread > "$dir/before"
read -r v0 t0 < <(switches)
sleep "$idle"
read -r v1 t1 < <(switches)
per_thread > "$dir/after"
timers=$(PARKD_SOCKET="$dir/control.sock" "$(dirname "$parkd")/parkctl" timer list | tail -1)
echo "parkd (pid $pid, $threads threads) with 10 timers ($timers), idle for ${idle}s:"
echo "  voluntary context switches: $((v1 - v0)) ($(awk "BEGIN {printf \"%.3f\", ($v1 - $v0) / $idle}") per second)"
echo "  all context switches:       $((t1 - t0)) ($(awk "BEGIN {printf \"%.3f\", ($t1 - $t0) / $idle}") per second)"
echo "  by thread (tid name: switches during the idle time):"
join "$dir/before" "$dir/after" | awk '{printf "    %s %s: %d\n", $1, $2, $5 - $3}'
