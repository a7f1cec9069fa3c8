#!/usr/bin/env bash
# Runs every EVoting test suite: the .NET suite (unit, simulation, integration with real MariaDB
# and real processes, end-to-end in Chromium) and the frontend's Vitest suite. Installs what the
# tests need on a fresh Debian machine first. Prints "N passed, N failed" last.
#
#   ./test.sh              everything
#   ./test.sh --fast       only the fast suites (no Integration / E2E categories)
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
fast=false
[[ "${1:-}" == "--fast" ]] && fast=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NEXT_TELEMETRY_DISABLED=1

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# --- what the tests need -----------------------------------------------------------------
need=()
[[ -x /usr/sbin/mariadbd || -n "$(command -v mariadbd)" ]] || need+=(mariadb-server)
[[ -x /usr/bin/chromium ]] || need+=(chromium)
if ((${#need[@]})); then
  echo "== installing ${need[*]}"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "could not install ${need[*]}"; exit 1; }
fi
if [[ ! -d frontend/node_modules ]] || [[ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]]; then
  # npm install, not npm ci: this machine's npmrc omits "resolved" from lock files, which npm ci rejects.
  echo "== npm install (frontend)"
  (cd frontend && npm install --no-audit --no-fund --loglevel=error) || { echo "npm install failed"; exit 1; }
fi

passed=0
failed=0
status=0

# --- the frontend's lock file is complete: a fresh install must not rewrite it -----------------
if git rev-parse --git-dir >/dev/null 2>&1; then
  if git diff --quiet -- frontend/package-lock.json; then
    passed=$((passed + 1))
  else
    echo "frontend/package-lock.json changed after npm install: commit the complete lock file"
    git diff --stat -- frontend/package-lock.json
    failed=$((failed + 1)); status=1
  fi
fi

# --- .NET ----------------------------------------------------------------------------------
echo "== dotnet build"
dotnet build EVoting.sln -c Debug -nologo -v q 2>&1 | tail -5
if [[ ${PIPESTATUS[0]} -ne 0 ]]; then echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi

filter=""
$fast && filter="--filter Category!=Integration&Category!=E2E"
echo "== dotnet test ${filter}"
dotnet test EVoting.Tests --no-build -nologo $filter --blame-hang-timeout 15m \
  --results-directory "$root/TestResults" 2>&1 | tee "$root/TestResults.dotnet.log" | tail -300
line=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$root/TestResults.dotnet.log" | tail -1)
if [[ -n "$line" ]]; then
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line"); p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f))
  [[ $f -eq 0 ]] || status=1
else
  echo "dotnet test printed no summary"; failed=$((failed + 1)); status=1
fi

# --- frontend (Vitest) -----------------------------------------------------------------------
echo "== vitest (frontend)"
(cd frontend && npx vitest run --reporter=default --reporter=json --outputFile="$root/TestResults.vitest.json") 2>&1 | tail -15
if [[ -f "$root/TestResults.vitest.json" ]]; then
  read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.success ? 0 : (r.numFailedTests ? 0 : 1)))' "$root/TestResults.vitest.json")
  passed=$((passed + p)); failed=$((failed + f))
  [[ $f -eq 0 ]] || status=1
else
  echo "vitest wrote no results"; failed=$((failed + 1)); status=1
fi
rm -f "$root/TestResults.vitest.json"

echo "${passed} passed, ${failed} failed"
exit $status
