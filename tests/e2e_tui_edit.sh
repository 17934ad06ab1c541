#!/bin/sh
# e2e_tui_edit.sh - editing a card from the tutor (e in the card detail): $EDITOR
# opens the card's content file at the card, and the content is synced when it
# exits 0; the card keeps its review history; a file left broken is reported and
# skipped whole, the card keeping its old text; a failing editor changes nothing.
# Runs on a temporary copy of the fixture content.  Prints "ok N - what".
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
T=$(mktemp -d /tmp/labprep-tui-edit-XXXXXX)
SOCK="$T/tmux.sock"
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
cp -r "$PWD/tests/fixtures/e2e/content" "$T/content"
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8
export LABPREP_CONTENT_DIR="$T/content" LABPREP_NOW=2026-01-05T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG NO_COLOR VISUAL
DB="$XDG_DATA_HOME/labprep/labprep.db"
n=0
. "$PWD/tests/lib_tui.sh"

# The "editor": records its arguments, then does what $T/mode says.
cat >"$T/editor" <<'ED'
#!/bin/sh
echo "$@" >"$EDIT_LOG"
case $(cat "$EDIT_MODE") in
    fix) sed -i 's/The sum of its diagonal entries/The sum of the diagonal entries/' "$2" ;;
    break) printf 'cards: [oops\n' >>"$2" ;;
    unbreak) sed -i '/^cards: \[oops$/d' "$2" ;;
    fail) exit 3 ;;
esac
ED
chmod +x "$T/editor"
export EDITOR="$T/editor" EDIT_LOG="$T/edit.log" EDIT_MODE="$T/mode"

"$BIN" answer e2e-trace 3 >/dev/null 2>&1
tm new-session -d -s lp -x 80 -y 24 "env TERM=xterm-256color '$BIN'; echo EXITED \$?; sleep 30"
screen 0.8
tm send-keys -t lp b / t r a c e Enter Enter
screen
expect "the card detail offers e to edit" "e edit"
echo fix >"$T/mode"
tm send-keys -t lp e
screen 0.8
is "e runs \$EDITOR on the card's file at the card's line" "$(cat "$T/edit.log")" \
    "+$(grep -n 'id: e2e-trace' "$T/content/algebra.yaml" | cut -d: -f1) $T/content/algebra.yaml"
expect "after the editor the content is synced and the detail shows the edit" "The sum of the diagonal entries"
expect "...and says so" "content synced; its history is kept"
is "the database has the new text" "$(sql "SELECT a LIKE 'The sum of the diagonal%' FROM cards WHERE id = 'e2e-trace'")" 1
is "...and the card keeps its review" "$(sql "SELECT count(*) FROM revlog WHERE card_id = 'e2e-trace'")" 1

echo break >"$T/mode"
tm send-keys -t lp e
screen 0.8
expect "a file left broken is reported with file:line:col" " algebra.yaml:[0-9]*:[0-9]*: "
is "...and the card keeps its text and history" \
    "$(sql "SELECT (a LIKE 'The sum of the diagonal%') || ':' || retired || ':' || (SELECT count(*) FROM revlog WHERE card_id = 'e2e-trace') FROM cards WHERE id = 'e2e-trace'")" \
    "1:0:1"
echo unbreak >"$T/mode"
tm send-keys -t lp e
screen 0.8
expect "fixing the file brings the sync back" "content synced"

echo fail >"$T/mode"
cp "$T/content/algebra.yaml" "$T/before.yaml"
tm send-keys -t lp e
screen 0.8
expect "a failing editor is reported and nothing is synced" "the editor failed (exit 3); nothing synced"
tm send-keys -t lp ?
screen
expect "help lists e" "edit the card in \$EDITOR"
tm send-keys -t lp q Q
screen 0.6
expect "Q quits cleanly" "EXITED 0"
