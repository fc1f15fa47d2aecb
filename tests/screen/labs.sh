#!/usr/bin/env bash
# The labs on the map, headless at 80×24 (jobs run to the end before the
# next key): each opens from the map, runs on a small circuit, shows the
# numbers the engine computed, and q goes back to the map.
#   g  cubic.circom with its example input x = 3: setup, witness, prove and
#      verify each timed, verify OK (out = 35); t verifies the same proof
#      with out = 36 and the verifier says FAIL (exit 1).
#   c  cubic.circom's three rows hold for the witness; x2 set to 10 lights
#      r1 (3·3 = 9 ≠ 10) and r2, not r3; x set to 4 breaks all three; w
#      computes the witness again from x = 4 (out = 4³ + 4 + 5 = 73).
. "$(dirname "$0")/../support/headless.bash"
run() { out=$("$bin" --headless --size "${2:-80x24}" --keys "$1") || fail "exit $? for '$1'"; }
has() { printf '%s\n' "$out" | grep -qE -- "$1" || fail "$2: no /$1/ in:
$out"; }
lacks() { ! printf '%s\n' "$out" | grep -qE -- "$1" || fail "$2: /$1/ in:
$out"; }

# ---- g: the Groth16 lab ----
run "g"
has "Groth16 lab" "g did not open the lab"
has "▸ lessons/cubic.circom" "the lab does not list the lesson circuits"
lacks "bitify.circom" "a template library (no main) is listed"
run "g Enter"
has "inputs, from circuits/lessons/cubic.input.json" "the example input is not offered"
has "▸ x +private +3_" "x is not the form's private input, valued 3"
has "BN254 · 3 constraints · 5 wires · 1 public" "the compiled sizes"
run "g Enter Enter"
for phase in compile setup witness prove verify; do
  has "^   $phase +[0-9.]+ m?s " "no measured time for $phase"
done
has "DEMO KEY from secrets sampled here and wiped" "the key is not called a demo key"
has "✔ OK: the proof is valid \(exit 0\)" "the proof does not verify"
has "\"pi_a\": \[\"[0-9]+…[0-9]+\", \"[0-9]+…[0-9]+\", \"1\"\]" "proof.json is not shown"
run "g Enter Enter t"
has "tamper +out 35 → 36: ✘ FAIL \(exit 1\): INVALID proof" "t did not make verify fail"
has "✘ out = 36: INVALID proof, the pairing equation does not hold \(exit 1\)" \
  "the verifier's reason is not shown"
run "g Enter Enter j" 120x40
has "\"protocol\": \"groth16\"" "j does not show proof.json in full"
# Another input: x = -2 gives out = -5, and the tampered value is -4.
run "g Enter BSpace '-2 Enter t"
has "✔ OK: the proof is valid" "x = -2 does not verify"
has "out -5 → -4: ✘ FAIL" "x = -2: out is not -5"
# Any path; a bad one is one line, the lab stays.
run "g o '/no/such.circom Enter"
has "✘ cannot read /no/such.circom" "a missing path is not said so"
run "g Enter q"
has "zkcave — zero knowledge, by running it" "q did not go back to the map"
run "g Enter Esc"
has "zkcave — zero knowledge, by running it" "Esc did not go back to the map"
run "g Enter ?"
has "Groth16 lab" "? does not list the lab's keys"
has "t +verify with a public input \+ 1" "? does not list t"
lacks "quit \(progress" "? says q quits"

# ---- c: the circuits lab ----
run "c Enter"
has "Circuits lab" "c did not open the lab"
has "✔ all 3 rows hold" "the witness does not satisfy cubic's rows"
has "✔ r1 +x · x = x2 +3 · 3 = 9 " "row r1 and its values"
has "✔ r3 +0 = out - x - x3 - 5" "row r3"
run "c Enter Tab Down Down Down '10 Enter"
has "✘ 2 of 3 rows fail" "x2 = 10 does not break two rows"
has "✘ r1 +x · x = x2 +3 · 3 = 9 ≠ 10" "r1 is not lit with its values"
has "✘ r2 " "r2 is not lit"
has "✔ r3 " "r3 is lit though x2 is not in it"
has "✘ row r1 fails first \(2 failing\): 3 · 3 = 9 ≠ 10" "the first failing row is not named"
run "c Enter Tab Down Down '4 Enter"
has "✘ 3 of 3 rows fail" "x = 4 does not break every row"
run "c Enter Tab Down Down '4 Enter w"
has "✔ all 3 rows hold" "w does not recompute the witness"
has "out +73" "w from x = 4 does not give out = 73"
run "c Enter l"
has "--O2 · ✔ all 2 rows hold" "l did not recompile at --O2 (2 rows)"
run "c Enter q"
has "zkcave — zero knowledge, by running it" "q did not go back to the map"
for size in 80x24 120x40; do
  run "c Enter Tab Down Down Down +" "$size"
  has "✘ row r1 fails first" "$size: + on x2 does not light r1"
done
echo "labs: ok"
