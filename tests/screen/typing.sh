#!/usr/bin/env bash
# Typing mode and the answer checker, headless: in a focused answer field
# every printable key types (words that start with command letters, ? and q
# included), Esc leaves the field for the commands, and the wrong answers
# issue 17 saw accepted are refused while the right ones count.
. "$(dirname "$0")/../support/headless.bash"
# screen LESSON KEYS: the final screen, from no progress (a headless run
# without --state starts with none).
screen() {
    "$bin" --headless --size 80x24 --keys "$2" lesson "$1" || fail "lesson $1 '$2': exit $?"
}
has() { printf '%s\n' "$out" | grep -qF -- "$1" || fail "$2: no '$1' in:
$out"; }
lacks() { ! printf '%s\n' "$out" | grep -qF -- "$1" || fail "$2: '$1' in:
$out"; }

# "no" in lesson 04 used to jump to lesson 05; "square" lost its q to the
# quit dialog; "hello" ran h and e. Step 4 of both lessons opens on an exercise.
out=$(screen 4 "Right Right Right 'no")
has "04 Fiat-Shamir ─ step 4/6" "no: left the step"
has "> no " "no: not typed"
has "Esc leave the field" "the footer does not say how to leave the field"
out=$(screen 1 "Right Right Right 'square")
has "> square " "square: not typed"
lacks "Quit zkcave?" "q opened the quit dialog"
out=$(screen 1 "Right Right Right 'hello?qnprm")
has "> hello?qnprm " "hello and the command letters: not typed"
lacks "┌ Keys" "? opened the help"
lacks "hint 1:" "h gave a hint"
# Esc leaves the field: h is a hint again (and back in the field), n the
# next step; the text stays.
out=$(screen 1 "Right Right Right 'half Esc")
has "> half " "Esc lost the typed text"
has "n next" "out of the field the footer shows the commands"
out=$(screen 1 "Right Right Right 'half Esc h")
has "hint 1:" "Esc h: no hint"
out=$(screen 1 "Right Right Right 'x Esc n")
has "01 The cave ─ step 5/6" "Esc n: not the next step"
# The arrows keep their meaning in a field (it has no cursor to move).
out=$(screen 1 "Right Right Right 'x Right")
has "01 The cave ─ step 5/6" "Right in a field: not the next step"

# The choice's full text counts (it was marked wrong).
out=$(screen 4 "Right Right Right 'the Space 'statement Space 'y Enter")
has "exercise 2 of 3 ✔" "'the statement y' refused"
out=$(screen 4 "Right Right Right 'c) Space 'the Space 'statement Space 'y Enter")
has "✘ Not quite" "'c) the statement y' accepted"
# 0 and 2^-128 are not 2^-256 (lesson 02, exercise 2).
out=$(screen 2 "Right Right Right '1/11 Enter '0 Enter")
has "✘ Not quite. 2 tries" "0 accepted for 2^-256"
out=$(screen 2 "Right Right Right '1/11 Enter '2^-128 Enter")
has "✘ Not quite. 2 tries" "2^-128 accepted"
out=$(screen 2 "Right Right Right '1/11 Enter '2^-128 Enter '2^-256 Enter")
has "exercises 2/4" "2^-256 after 2^-128: not solved"
# A witness with trailing junk or a lone bracket is refused (lesson 06).
out=$(screen 6 "Right Right Right Right Right '1,3,35,9,27,30[ Enter")
has "✘ Not quite" "trailing [ accepted"
out=$(screen 6 "Right Right Right Right Right '[1,3,35,9,27,30 Enter")
has "✘ Not quite" "a lone [ accepted"
out=$(screen 6 "Right Right Right Right Right '[1,3,35,9,27,30] Enter")
has "exercise 1 of 3 ✔" "the witness refused"
echo "ok: typing mode and the answer checker"
