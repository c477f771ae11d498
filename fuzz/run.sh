#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after another, with one
# libFuzzer worker, at the lowest priority; prints each target's executions, executions a
# second and findings. A finding (crash, overflow, hang over 10 s, more than 2 GiB) stops
# its target and is kept in fuzz/artifacts/TARGET/; minimise it with
#   cargo +nightly fuzz tmin -s none -a TARGET fuzz/artifacts/TARGET/crash-…
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
#
# Usage: fuzz/run.sh SECONDS [TARGET…]      e.g. fuzz/run.sh 60   or   fuzz/run.sh 600 parse_file
# FUZZ_RUNS=10000000 fuzz/run.sh 7200 …     also stops a target after that many executions
# FUZZ_SANITIZER=address fuzz/run.sh …      builds with AddressSanitizer (default: none; the core
#                                           forbids unsafe code, and no sanitizer runs twice as fast)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

seconds="${1:?usage: fuzz/run.sh SECONDS [TARGET…]}"
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
sanitizer="${FUZZ_SANITIZER:-none}"
# Overflow checks and debug assertions on (also set in Cargo.toml's release profile).
flags=(--sanitizer "$sanitizer" --debug-assertions)
runs=()
if [ -n "${FUZZ_RUNS:-}" ]; then
    runs=(-runs="$FUZZ_RUNS")
fi

./seed.sh >/dev/null
nice -n 19 cargo +nightly fuzz build "${flags[@]}" >/dev/null 2>&1 || nice -n 19 cargo +nightly fuzz build "${flags[@]}"
mkdir -p logs

printf '%-20s %14s %10s %s\n' target executions exec/s findings
status=0
for target in "${targets[@]}"; do
    dict=()
    case "$target" in
        parse_file | editor_document | fields | pattern_form | library) dict=(-dict=ron.dict) ;;
    esac
    log="logs/$target.log"
    before="$(find "artifacts/$target" -type f 2>/dev/null | wc -l)"
    # One worker: -fork=0 (the default, said here to be plain), and no -jobs (any -jobs, even 1,
    # runs the worker as a child that logs to fuzz-N.log).
    nice -n 19 cargo +nightly fuzz run "${flags[@]}" "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -fork=0 "${runs[@]}" "${dict[@]}" >"$log" 2>&1 || true
    done="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    after="$(find "artifacts/$target" -type f 2>/dev/null | wc -l)"
    found=$((after - before))
    if [ "$found" -gt 0 ]; then
        status=1
        summary="$found: $(grep -m1 -E 'panicked at|ERROR: libFuzzer' "$log" || true)"
    else
        summary=0
    fi
    printf '%-20s %14s %10s %s\n' "$target" "$done" "$rate" "$summary"
done
echo "logs in fuzz/logs/; findings in fuzz/artifacts/"
exit "$status"
