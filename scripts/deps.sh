#!/bin/sh
# Install the Debian packages authaudit needs to build and test, once:
# packages already present are left alone, so a second run costs a dpkg query.
# Usage: scripts/deps.sh [build|test|bench]
set -eu

build="gcc make pkg-config libcurl4-openssl-dev libssl-dev libpcre2-dev \
libyaml-dev libvectorscan-dev libjansson-dev zlib1g-dev"
test_pkgs="check openssl curl python3"
bench_pkgs="linux-source-6.1 ripgrep sslscan xz-utils"

want=$build
case "${1:-build}" in
build) ;;
test) want="$build $test_pkgs" ;;
bench) want="$build $test_pkgs $bench_pkgs" ;;
*) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2
