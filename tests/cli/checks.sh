# checks.sh: assertions for the shell tests, sourced after setting $work
# (a scratch folder). Each check counts one pass or one failure; finish
# prints the closing line and gives the exit status.
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect STATUS NAME -- COMMAND...: runs COMMAND with stdout in $work/out
# and stderr in $work/err, and checks its exit status.
expect() {
  local want=$1 name=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else
    fail "$name: exit status $got, expected $want"
    sed 's/^/  stderr: /' "$work/err" | head -8
    sed 's/^/  stdout: /' "$work/out" | head -8
  fi
}
# contains FILE TEXT NAME: FILE holds TEXT (a fixed string)
contains() {
  if grep -qF -- "$2" "$1"; then pass; else fail "$3: '$2' not in $(basename "$1")"; head -8 "$1" | sed 's/^/  /'; fi
}
lacks() {
  if grep -qF -- "$2" "$1"; then fail "$3: '$2' unexpectedly in $(basename "$1")"; else pass; fi
}
equals() {
  if [ "$1" = "$2" ]; then pass; else fail "$3: got '$1', expected '$2'"; fi
}
# finish LABEL: the closing line, and the exit status
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
