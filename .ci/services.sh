#!/usr/bin/env bash
# Installs the real services the *IT tests start themselves (Prometheus, Alertmanager, Pushgateway), when missing, and
# promtool (Debian ships it in the prometheus package), which backfills the history of BakedVersionFromPrometheusIT.
# The tests bind them to 127.0.0.1 on free ports; nothing is started here.
set -euo pipefail
missing=()
{ command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; } || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v prometheus-pushgateway >/dev/null 2>&1 || command -v pushgateway >/dev/null 2>&1 || missing+=(prometheus-pushgateway)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
prometheus --version 2>&1 | head -1
promtool --version 2>&1 | head -1
{ command -v prometheus-alertmanager >/dev/null && prometheus-alertmanager --version || alertmanager --version; } 2>&1 | head -1
{ command -v prometheus-pushgateway >/dev/null && prometheus-pushgateway --version || pushgateway --version; } 2>&1 | head -1
