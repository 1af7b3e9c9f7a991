#!/usr/bin/env bash
# Lints the published OpenAPI documents (docs/openapi/*.json) with Redocly's recommended rules as redocly.yaml
# configures them (every operation has a summary and an operationId, error answers are described …). Each
# service's PublishedOpenApiIT keeps its committed document equal to the live one, so this lints what is served.
#
# Usage: scripts/lint-openapi.sh
#
# Needs Node.js and npm (installs Debian's with apt-get when missing and we run as root); the linter itself comes
# from the npm registry at a pinned version.
set -euo pipefail

cd "$(dirname "$0")/.."
REDOCLY_VERSION=2.11.1

fail() {
  echo "lint-openapi: $*" >&2
  exit 1
}

if ! command -v npx > /dev/null 2>&1; then
  if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get > /dev/null 2>&1; then
    fail "npx (Node.js and npm) is not installed: install them (Debian: apt-get install -y nodejs npm) and try again"
  fi
  echo "lint-openapi: installing nodejs and npm with apt-get" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm > /dev/null; }; then
    fail "apt-get could not install nodejs and npm (see the messages above)"
  fi
fi

shopt -s nullglob
documents=(docs/openapi/*.json)
[[ ${#documents[@]} -gt 0 ]] || fail "no documents in docs/openapi/"

echo "lint-openapi: @redocly/cli $REDOCLY_VERSION on ${documents[*]}" >&2
npx --yes "@redocly/cli@$REDOCLY_VERSION" lint --config redocly.yaml --format=stylish "${documents[@]}"
