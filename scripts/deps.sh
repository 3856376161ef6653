#!/bin/sh
# Install the Debian packages authaudit needs to build, demo and test, once:
# packages already present are left alone, so a second run costs a dpkg query.
# Usage: scripts/deps.sh [--list] [build|demo|test|bench|fuzz|package]
#   --list  print the group's packages, one a line, and install nothing
set -eu

# The literal prefilter: Intel Hyperscan where it exists (x86-64), its
# portable fork vectorscan elsewhere. Debian 12's vectorscan 5.4.9 misses
# matches at some buffer alignments on AVX-512 CPUs; Hyperscan 5.4.0 does
# not. The two packages conflict: installing one removes the other.
case "$(dpkg --print-architecture 2>/dev/null || uname -m)" in
amd64|x86_64) matcher=libhyperscan-dev other="libvectorscan-dev libvectorscan5" ;;
*) matcher=libvectorscan-dev other="libhyperscan-dev libhyperscan5" ;;
esac
# libgit2-dev: scan --history and --staged read the object database;
# libdeflate-dev: the history scan inflates packed blobs itself, faster
# than zlib
build="gcc make pkg-config libcurl4-openssl-dev libssl-dev libpcre2-dev \
libyaml-dev $matcher libjansson-dev zlib1g-dev libgit2-dev libdeflate-dev"
# what the demo scripts run beside authaudit: openssl (test certificates,
# HMAC-signed JWTs in tests/e2e/lib/jwt.sh), python3 (tests/e2e/lib)
demo_pkgs="openssl python3"
# python3-jsonschema: the SARIF report is validated against its schema;
# git: the history tests build their repositories with it; pre-commit and
# python3-yaml: the CI integrations are run as their hosts would;
# chromium and poppler-utils: the HTML report is rendered headless, printed
# to PDF and its pages counted (tests/e2e/report_html_print.sh)
test_pkgs="check openssl curl python3 python3-jsonschema git pre-commit \
python3-yaml chromium poppler-utils"
bench_pkgs="linux-source-6.1 ripgrep sslscan testssl.sh xz-utils"
# make fuzz: clang's libFuzzer and sanitizer runtimes
fuzz_pkgs="clang"
# make package-test: dpkg-buildpackage builds the .deb (debian/), lintian
# checks it
package_pkgs="dpkg-dev debhelper fakeroot lintian"

list=0
if [ "${1:-}" = --list ]; then
	list=1
	shift
fi
want=$build
case "${1:-build}" in
build) ;;
demo) want="$build $demo_pkgs" ;;
test) want="$build $test_pkgs" ;;
bench) want="$build $test_pkgs $bench_pkgs" ;;
fuzz) want="$build $test_pkgs $fuzz_pkgs" ;;
package) want="$build $test_pkgs $package_pkgs" ;;
*) echo "usage: $0 [--list] [build|demo|test|bench|fuzz|package]" >&2; exit 2 ;;
esac
if [ "$list" -eq 1 ]; then
	printf '%s\n' $want
	exit 0
fi

installed() {
	case "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" in
	*"install ok installed"*) return 0 ;;
	*) return 1 ;;
	esac
}
missing=""
for p in $want; do
	installed "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
# the other matcher's packages go (apt removes what a trailing - names)
remove=""
for p in $other; do
	installed "$p" && remove="$remove $p-"
done

echo "deps: installing$missing" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
# two builds at once (make -j, parallel checkouts) wait for each other's
# apt rather than fail on its lock
wait_lock="-o DPkg::Lock::Timeout=300"
$sudo apt-get $wait_lock update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get $wait_lock install -y -qq \
	--no-install-recommends $missing $remove >&2
