#!/usr/bin/env bash
# Runs the whole EVoting system on this machine: installs what is missing (MariaDB when there is
# neither `mariadbd` nor a container engine, the frontend's npm packages), then the AppHost.
# `dotnet run` builds the AppHost and, through its project references, every service once.
# The dashboard's login URL is printed first (http://localhost:18888/login?t=...). Ctrl+C stops everything.
#
#   ./run.sh                                     run (arguments go to the AppHost)
#   ./run.sh --EVoting:FrontendMode=dev          the frontend as `next dev` (default: a production build)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NEXT_TELEMETRY_DISABLED=1

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! command -v mariadbd >/dev/null 2>&1 && [[ ! -x /usr/sbin/mariadbd ]] \
   && ! (command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1); then
  echo "== installing mariadb-server (no mariadbd and no container engine)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
fi

if [[ -f frontend/package.json && ! -d frontend/node_modules ]]; then
  echo "== npm install (frontend)"
  # npm install, not npm ci: this machine's npm config omits "resolved" from lock files, which npm ci rejects.
  (cd frontend && npm install --no-audit --no-fund --loglevel=error)
fi

exec dotnet run --project EVoting.AppHost -- "$@"
