#!/usr/bin/env bash
# Makes sure promtool (Prometheus's rule checker) is on the PATH, for the alerting-rule tests of ./rapport test.
# Idempotent and fast when it is already installed. Otherwise installs Debian's `prometheus` package, which
# needs root (CI runs as root); without root it says what to run and exits non-zero.
#
# Usage: scripts/install-promtool.sh        prints the path of promtool on success
set -euo pipefail

fail() {
  echo "install-promtool: $*" >&2
  exit 1
}

if command -v promtool > /dev/null 2>&1; then
  command -v promtool
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
  fail "promtool is not installed and installing it needs root: run 'sudo apt-get install -y prometheus' (Debian/Ubuntu) and try again"
fi
command -v apt-get > /dev/null 2>&1 || fail "promtool is not installed and apt-get is not available (this script expects Debian or Ubuntu)"
echo "install-promtool: installing Debian's prometheus package (for promtool)" >&2
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus > /dev/null; }; then
  fail "apt-get could not install prometheus (see the messages above: no network or no package source?)"
fi
command -v promtool > /dev/null 2>&1 || fail "apt-get ran but promtool is still not on the PATH"
command -v promtool
