# checks.sh: assertions for the shell tests, sourced after setting $work
# (a scratch folder). Each check counts one pass or one failure; finish
# prints the closing line and gives the exit status.
passed=0
failed=0
skipped=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# skip WHAT: a section that cannot run here (no corpus, no tool); the test
# then ends with status 77, which ctest shows as a skip (SKIP_RETURN_CODE in
# tests/CMakeLists.txt), unless a check failed.
skip() { skipped=$((skipped + 1)); echo "SKIP: $*"; }

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
# finish LABEL: the closing line, and the exit status: 1 when a check
# failed, else 77 when a section was skipped, else 0. Only the test's own
# shell says 77: a subshell's finish (a section run apart) answers 0 or 1,
# since its caller counts a non-zero status as a failure.
finish() {
  local note=""
  [ "$skipped" -eq 0 ] || note=", $skipped section(s) skipped"
  echo "$1: $passed passed, $failed failed$note"
  [ "$failed" -eq 0 ] || return 1
  [ "$skipped" -eq 0 ] || [ "$BASHPID" != "$$" ] || return 77
}
