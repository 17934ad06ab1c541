# lib_tui.sh - helpers shared by the tmux tests (tests/e2e_tui*.sh), sourced after
# the script has set BIN (the binary), T (its temporary directory), SOCK (the
# tmux socket), DB (the database) and n=0.  Not a test itself (run.sh runs only
# tests/e2e_*.sh).  Each check prints "ok N - what" or "not ok N - what", the
# failing screen after it.
tm() { tmux -S "$SOCK" "$@"; }
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/#   /' "$T/screen" | head -n 30; }
# screen [SECONDS]: wait (0.4 s by default), then capture the pane into $T/screen.
screen() { sleep "${1:-0.4}"; tm capture-pane -p -t lp >"$T/screen"; }
# expect "what" pattern: the screen shows pattern.  absent: it does not.
expect() { if grep -q -- "$2" "$T/screen"; then pass "$1"; else fail "$1"; fi; }
absent() { if grep -q -- "$2" "$T/screen"; then fail "$1"; else pass "$1"; fi; }
sql() { sqlite3 "$DB" "$1"; }
# is "what" GOT WANT: the two strings are equal.
is() { if [ "$2" = "$3" ]; then pass "$1"; else echo "#   got '$2', want '$3'"; fail "$1"; fi; }
# start: the tutor in an 80x24 window named lp; the pane stays after it exits.
start() {
    tm kill-session -t lp 2>/dev/null
    tm new-session -d -s lp -x 80 -y 24 "env TERM=xterm-256color '$BIN'; echo EXITED \$?; sleep 30"
    screen 0.8
}
