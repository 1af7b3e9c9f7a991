#!/usr/bin/env bash
# Validates docker-compose.yml offline (no Docker engine needed) with Debian's docker-compose 1.29,
# whose schema is the strictest one we support: if 1.29 accepts the file, the Compose plugin does too.
#
# Usage: scripts/validate-compose.sh [compose-file]
#
# Installs docker-compose with apt-get when it is missing and we run as root; otherwise says why it
# cannot and exits non-zero. The identity secret is a dummy set for this validation only.
set -euo pipefail

cd "$(dirname "$0")/.."
compose_file="${1:-docker-compose.yml}"

fail() {
  echo "validate-compose: $*" >&2
  exit 1
}

[[ -f "$compose_file" ]] || fail "no compose file at $compose_file"

if ! command -v docker-compose > /dev/null 2>&1; then
  if [[ "$(id -u)" -ne 0 ]]; then
    fail "docker-compose is not installed and installing it needs root: run 'sudo apt-get install -y docker-compose' (Debian/Ubuntu) and try again"
  fi
  if ! command -v apt-get > /dev/null 2>&1; then
    fail "docker-compose is not installed and apt-get is not available to install it (this script expects Debian or Ubuntu)"
  fi
  echo "validate-compose: installing docker-compose with apt-get" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose > /dev/null; }; then
    fail "apt-get could not install docker-compose (see the messages above: no network or no package source?)"
  fi
  command -v docker-compose > /dev/null 2>&1 || fail "apt-get ran but docker-compose is still not on the PATH"
fi

echo "validate-compose: $(docker-compose version --short 2> /dev/null || docker-compose --version)" >&2

# A dummy value only for this check: the real secret comes from the operator's environment.
export RAPPORT_IDENTITY_SECRET="validate-compose-dummy-secret-not-for-use-0123456789"

# 1. Schema and interpolation: this is what rejects keys newer than the 2.4 schema.
if ! docker-compose -f "$compose_file" config -q; then
  fail "$compose_file is not valid for docker-compose $(docker-compose version --short 2> /dev/null || echo 1.x)"
fi

# 2. The file must refuse to start without the secret, with a message that says what to do.
if out="$(env -u RAPPORT_IDENTITY_SECRET docker-compose -f "$compose_file" config -q 2>&1)"; then
  fail "$compose_file accepts a missing RAPPORT_IDENTITY_SECRET; it must be a required substitution (\${RAPPORT_IDENTITY_SECRET:?...})"
fi
grep -q "RAPPORT_IDENTITY_SECRET" <<< "$out" || fail "the error for a missing secret does not name RAPPORT_IDENTITY_SECRET: $out"

# 3. Rules of the platform that the schema cannot express, checked on the resolved file (python3 and
#    its yaml module come with docker-compose).
docker-compose -f "$compose_file" config | python3 -c '
import sys, yaml

config = yaml.safe_load(sys.stdin)
services = config.get("services", {})
problems = []
for name in ("kafka", "mongo", "contacts-service", "reminders-service", "content-service", "gateway",
             "prometheus", "grafana", "otel-collector", "jaeger"):
    if name not in services:
        problems.append("service %s is missing" % name)
for name, service in services.items():
    if service.get("ports") and name != "gateway":
        # The operator UIs (Prometheus, Grafana, Jaeger) may be published on the loopback interface only.
        for port in service["ports"]:
            published = port if isinstance(port, str) else "%s:%s" % (port.get("host_ip", ""), port.get("published", ""))
            if not str(published).startswith("127.0.0.1:"):
                problems.append("%s publishes %s: only the gateway may publish beyond 127.0.0.1" % (name, published))
    if "healthcheck" not in service:
        problems.append("%s has no health check" % name)
    if "mem_limit" not in service:
        problems.append("%s has no mem_limit" % name)
    image = service.get("image", "")
    if "build" not in service:
        tag = image.rsplit("/", 1)[-1]
        if ":" not in tag or tag.endswith(":latest"):
            problems.append("%s: image %s is not pinned to a version" % (name, image))
    for dependency, condition in (service.get("depends_on") or {}).items():
        if condition.get("condition") != "service_healthy":
            problems.append("%s waits for %s without condition service_healthy" % (name, dependency))
if problems:
    sys.exit("\n".join(problems))
' || fail "$compose_file breaks the platform rules above"

echo "validate-compose: $compose_file is valid: $(docker-compose -f "$compose_file" config --services | tr '\n' ' ')" >&2
