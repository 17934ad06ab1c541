#!/bin/sh
# ensure-deps.sh PKG... - make sure the Debian packages labprep needs are installed.
# As root, missing packages are installed with apt-get; otherwise the exact command is
# printed and the build stops.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "labprep: installing missing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
        echo "labprep: apt-get failed; run: apt-get update && apt-get install -y$missing" >&2
        exit 1
    }
    exit 0
fi
echo "labprep: missing Debian packages:$missing" >&2
echo "run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
exit 1
