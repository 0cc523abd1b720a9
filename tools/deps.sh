#!/usr/bin/env bash
# The one list of Debian (bookworm) packages Pforte needs, in sets:
#
#   build   compile the library, the programs and pforte-admin
#   run     run the portal locally (tools/pforte-local)
#   test    everything the test suite drives (Apache + mod_fcgid, sanitizers,
#           SMTP sink, TOTP generator, load generator, headless browser and
#           node/npm for the browser test and the openid-client relying
#           party, mod_auth_openidc for the SSO interoperability test, ...)
#   apache  only Apache with mod_fcgid (a subset of test; pforte-local uses it
#           for --server apache)
#
# Usage: tools/deps.sh [--print] SET...     e.g. tools/deps.sh build run test
#
# Checks with dpkg-query which packages are missing. As root it installs them
# (apt-get update once, only when something is missing); otherwise it prints
# the exact command to run and exits 1. --print only lists the packages.
set -euo pipefail

BUILD=(autoconf automake pkg-config make gcc libfcgi-dev clearsilver-dev libp11-kit-dev
       libjwt-dev libjansson-dev liboath-dev libmariadb-dev libssl-dev
       libcurl4-openssl-dev libsodium-dev zlib1g-dev libqrencode-dev libcrack2-dev
       cracklib-runtime libmagic-dev libmaxminddb-dev)
RUN=(mariadb-server mariadb-client lighttpd lighttpd-mod-openssl openssl curl)
APACHE=(apache2 libapache2-mod-fcgid)
# the relying parties of tests/integ/oidc-interop.test
OIDC_RP=(libapache2-mod-auth-openidc)
TEST=(libcmocka-dev "${APACHE[@]}" "${OIDC_RP[@]}" libfcgi-bin spawn-fcgi clang llvm
      libclang-rt-14-dev cppcheck python3-aiosmtpd oathtool wrk jq softhsm2 opensc
      chromium nodejs npm rsyslog rsyslog-gnutls
      libmaxmind-db-writer-perl mmdb-bin)

usage() {
	echo "usage: ${0##*/} [--print] {build|run|test|apache|all}..." >&2
	exit 2
}

print=0
want=()
[ $# -gt 0 ] || usage
for arg in "$@"; do
	case $arg in
	--print) print=1 ;;
	build) want+=("${BUILD[@]}") ;;
	run) want+=("${RUN[@]}") ;;
	test) want+=("${TEST[@]}") ;;
	apache) want+=("${APACHE[@]}") ;;
	all) want+=("${BUILD[@]}" "${RUN[@]}" "${TEST[@]}") ;;
	-h|--help) usage ;;
	*) echo "${0##*/}: unknown set '$arg'" >&2; usage ;;
	esac
done

# Deduplicate, keeping the order.
declare -A seen=()
pkgs=()
for p in "${want[@]}"; do
	[ -n "${seen[$p]:-}" ] && continue
	seen[$p]=1
	pkgs+=("$p")
done

if [ "$print" = 1 ]; then
	printf '%s\n' "${pkgs[@]}"
	exit 0
fi

# What installed packages provide counts as installed: e.g. a nodejs from
# elsewhere that bundles npm (and conflicts with Debian's npm package).
declare -A provided=()
while read -r p; do
	[ -n "$p" ] && provided[$p]=1
done < <(dpkg-query -W -f='${db:Status-Status} ${Provides}\n' 2>/dev/null |
	sed -n 's/^installed //p' | tr ',' '\n' | sed 's/([^)]*)//; s/:any//; s/[[:space:]]//g')
missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || [ -n "${provided[$p]:-}" ] || missing+=("$p")
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "${0##*/}: missing Debian packages: ${missing[*]}" >&2
	echo "Install them with:" >&2
	echo "sudo apt-get install -y --no-install-recommends ${missing[*]}"
	exit 1
fi

echo "${0##*/}: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
