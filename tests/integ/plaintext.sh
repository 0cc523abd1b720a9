# Is personal data anywhere in clear?  Sourced by the integration tests;
# later tests add their own users' values to the same kind of list.
#
#   plaintext_dump DB FILE         mariadb-dump of DB (plain, and --hex-blob)
#   plaintext_found FILE VALUES    true if any line of VALUES occurs in FILE
#                                  as text or, for binary columns, as hex;
#                                  names every value it finds
: "${STATE:?}"

plaintext_dump() {
	local super=root
	[ "$(id -u)" -eq 0 ] || super=$(id -un)
	{ mariadb-dump --no-defaults --socket="$STATE/run/mysqld.sock" -u"$super" \
		--skip-dump-date --single-transaction "$1" &&
	  mariadb-dump --no-defaults --socket="$STATE/run/mysqld.sock" -u"$super" \
		--skip-dump-date --single-transaction --hex-blob "$1"; } > "$2"
}

plaintext_found() {
	local v hex found=1
	while IFS= read -r v; do
		[ -n "$v" ] || continue
		hex=$(printf '%s' "$v" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
		if grep -a -F -i -q -- "$v" "$1" || grep -a -F -q -- "$hex" "$1"; then
			echo "# in clear: $v"
			found=0
		fi
	done < "$2"
	return $found
}
