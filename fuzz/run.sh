#!/usr/bin/env bash
# Run every fuzz target for FUZZTIME each (default 30s), with one fuzzing
# worker (-parallel 1) so a core stays free:
#
#   FuzzDecode   once per message type in rtnl.Messages (LINX_FUZZ_TYPE=name)
#   FuzzStruct   once, all types
#   FuzzFraming  once, all types
#
# Usage: fuzz/run.sh [FUZZTIME]         e.g. fuzz/run.sh 2m, fuzz/run.sh 10000x
#
# Environment: GO (go binary), FUZZ_MINIMIZE (-fuzzminimizetime, default 5s:
# the default minute stalls the single worker on every new input),
# FUZZ_TARGETS (space-separated subset, e.g. "FuzzDecode:route FuzzStruct"),
# FUZZ_LOGDIR (where to keep one log per run; default a temporary directory).
#
# Exits non-zero if any run fails; a failing input is saved by go test under
# fuzz/testdata/fuzz/<Target>/ (commit it as a regression case once fixed).
# Prints one summary line per run: executions, new interesting inputs.
set -uo pipefail

FUZZTIME=${1:-30s}
GO=${GO:-go}
MINIMIZE=${FUZZ_MINIMIZE:-5s}
cd "$(dirname "$0")/.."

logdir=${FUZZ_LOGDIR:-$(mktemp -d "${TMPDIR:-/tmp}/linx-fuzz.XXXXXX")}
mkdir -p "$logdir"

gocache=$("$GO" env GOCACHE)
names=$("$GO" test -count=1 -run '^TestMessageNames$' -v ./fuzz -args -names |
	sed -n 's/^linx-fuzz-type: //p')
if [ -z "$names" ]; then
	echo "fuzz/run.sh: could not list the message types" >&2
	exit 1
fi

runs=()
if [ -n "${FUZZ_TARGETS:-}" ]; then
	read -r -a runs <<<"$FUZZ_TARGETS"
else
	for n in $names; do runs+=("FuzzDecode:$n"); done
	runs+=(FuzzStruct FuzzFraming)
fi

failed=()
summary=()
for run in "${runs[@]}"; do
	target=${run%%:*}
	typ=
	[ "$run" != "$target" ] && typ=${run#*:}
	log="$logdir/${run//:/-}.log"
	echo "== $run: fuzzing for $FUZZTIME (log: $log)"
	start=$(date +%s)
	cache=()
	if [ -n "$typ" ]; then
		# One cache of interesting inputs per message type (go test's own
		# -test.fuzzcachedir comes first; the last one given wins).
		cache=(-args "-test.fuzzcachedir=$gocache/fuzz/github.com/linx-go/linx/fuzz/by-type/$typ")
	fi
	fuzz_once() {
		LINX_FUZZ_TYPE="$typ" "$GO" test ./fuzz -run '^$' -fuzz "^${target}\$" \
			-fuzztime "$FUZZTIME" -fuzzminimizetime "$MINIMIZE" -parallel 1 "${cache[@]}" >"$log" 2>&1
	}
	fuzz_once
	rc=$?
	if [ $rc -ne 0 ] && grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written to' "$log"; then
		# go's fuzzing engine sometimes ends a run that found nothing with
		# "context deadline exceeded" when -fuzztime runs out mid-step:
		# a toolchain flake, not a finding. Run once more.
		echo "   ($run stopped with 'context deadline exceeded' and no failing input; running it again)"
		cp "$log" "$log.first"
		fuzz_once
		rc=$?
	fi
	secs=$(( $(date +%s) - start ))
	last=$(grep '^fuzz: elapsed' "$log" | tail -n 1)
	if [ $rc -ne 0 ]; then
		failed+=("$run")
		tail -n 40 "$log"
		summary+=("FAIL $run (${secs}s): $last")
	else
		summary+=("ok   $run (${secs}s): $last")
	fi
done

echo
echo "== summary (logs in $logdir)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
	echo "failed: ${failed[*]}" >&2
	echo "failing inputs not committed yet (see the logs for each failure):" >&2
	git status --porcelain --untracked-files=all -- fuzz/testdata/fuzz 2>/dev/null |
		grep -v '/seed-' >&2 || echo "  (none: the failure is in the seeds or the set-up)" >&2
	exit 1
fi
