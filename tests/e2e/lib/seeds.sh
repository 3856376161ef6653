# Shared by the rules_* e2e tests (sourced, not run): where the vendor
# documents are. The tests read the verbatim copy in tests/data/seeds, so a
# clean clone tests on its own; when ../shared/seeds is beside the
# repository the copy must still be identical to it. AUTHAUDIT_SEEDS
# overrides both. Sets $seeds, or exits 1 saying what is wrong.
_root=$(cd "$(dirname "$0")/../.." && pwd)
seeds=${AUTHAUDIT_SEEDS:-$_root/tests/data/seeds}
if [ ! -d "$seeds" ]; then
	echo "FAIL: no seed documents at $seeds"
	exit 1
fi
if [ -z "${AUTHAUDIT_SEEDS:-}" ] && [ -d "$_root/../shared/seeds" ]; then
	for _f in "$_root"/../shared/seeds/*; do
		cmp -s "$_f" "$seeds/$(basename "$_f")" || {
			echo "FAIL: tests/data/seeds/$(basename "$_f") differs" \
				"from ../shared/seeds (copy it again)"
			exit 1
		}
	done
fi
