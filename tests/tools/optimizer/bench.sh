#!/bin/sh
# bench.sh LABPREP [bench.js options] - run the optimizer comparison (see bench.js).
#
# Needs node (>= 20) and npm.  The reference, @open-spaced-repetition/binding, is
# installed with npm the first time into a scratch directory outside the repository:
# $LABPREP_BINDING_DIR, default ${XDG_CACHE_HOME:-$HOME/.cache}/labprep/fsrs-binding.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
labprep=$1
shift
command -v node >/dev/null 2>&1 || { echo "bench-optimizer: needs node (>= 20)" >&2; exit 2; }
command -v npm >/dev/null 2>&1 || { echo "bench-optimizer: needs npm" >&2; exit 2; }
cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}
dir=${LABPREP_BINDING_DIR:-$cache/labprep/fsrs-binding}
if [ ! -f "$dir/node_modules/@open-spaced-repetition/binding/package.json" ] ||
   ! cmp -s "$here/package.json" "$dir/package.json"; then
    echo "installing @open-spaced-repetition/binding into $dir" >&2
    mkdir -p "$dir"
    cp "$here/package.json" "$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --silent >/dev/null)
fi
NODE_PATH="$dir/node_modules" exec node "$here/bench.js" --labprep "$labprep" "$@"
