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
#   s  fibonacci at 1024 rows with the default options: 100 bits conjectured
#      as `zkcave stark verify` reports them for the same options, valid;
#      the FRI layer over the 8192-point LDE; t flips a bit and the verifier
#      rejects; fewer queries give fewer bits, said with --min-bits.
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
  has "^   $phase +[0-9.]+ (µs|ms|s) " "no measured time for $phase"
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
# Inputs that break a constraint: the compiler's reason, no proof.
run "g Down Down Down Down Enter BSpace '2^40 Enter"
has "▸ in +private +2\^40_" "relu.circom's input was not typed"
has "^ ✘ .*constraint does not hold" "a witness that breaks a constraint is not refused"
lacks "✔ OK" "a proof was made from a broken witness"
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
# ---- s: the STARK lab ----
run "s"
has "STARK lab" "s did not open the lab"
has "▸ AIR +◂ fibonacci ▸" "the AIR is not the first setting"
run "s Enter"
has "fibonacci, 1024 rows" "the run's statement"
has "prove +[0-9.]+ (ms|s|µs)" "no prove time"
has "verify +[0-9.]+ (ms|s|µs)" "no verify time"
has "proof +[0-9,]+ bytes" "no proof size"
cli=$("$bin" stark prove fibonacci -q -o "$state/fib.bin") || fail "stark prove: $cli"
bits=$(grep -oE "security: [0-9]+ bits conjectured" <<<"$cli" | grep -oE "[0-9]+")
proven=$(grep -oE "proven [0-9]+ \(unique decoding\) / [0-9]+" <<<"$cli" | grep -oE "[0-9]+")
has "$bits bits conjectured \(ethSTARK\)" "the lab's bits are not stark prove's $bits"
has "proven $(head -1 <<<"$proven") \(UDR\) / $(tail -1 <<<"$proven") \(LDR\)" "proven bits"
has "✔ valid: stark verify exits 0" "the proof does not verify"
has "FRI, folding by 8" "no FRI table"
has "^ +0 +8192 +1088 +[0-9a-f]{16}…" "FRI layer 0 is not the 8192-point LDE below degree 1088"
has "remainder: 136 coefficients sent in the clear" "no remainder"
has "phases: trace [0-9.]+ (µs|ms|s) · " "no prover phases"
has " · grinding [0-9.]+ (µs|ms|s) · " "no grinding time"
run "s Enter t"
has "t: byte [0-9]+ of [0-9]+ flipped: ✘ rejected, stark verify exits [12]" "t was not rejected"
has "^    (invalid|malformed) proof" "the verifier's reason is not shown"
run "s Down Down Down Down 1 0 Enter"
has "◂ 10 ▸" "typing 10 queries"
has "✔ valid with --min-bits [0-9]+ \(exit 0\)" "fewer bits are not said to need --min-bits"
run "s Down Down Down Down Down Down Down Right Enter"
has "zero knowledge +◂ off ▸" "→ did not turn zero knowledge off"
run "s Right Right Right Down 2 5 6 Enter"
has "range-check, 256 rows" "range-check"
has "✔ valid" "a range check of 256 values below 2^8 is not valid"
run "s Right Right Right Down Down Right Right Right Right Right Right Right Right Enter"
has "✘ cannot build range-check with 1024 rows and 2\^bits <= rows" "a range too wide is not refused"
run "s Enter q"
has "zkcave — zero knowledge, by running it" "q did not go back to the map"
run "s ?"
has "t +flip a proof bit" "? does not list the STARK lab's keys"
echo "labs: ok"
