#!/usr/bin/env bash
# `zkcave mnist` as a new user meets it: predict names the right class for
# every bundled digit; eval, calibrate and quant-table run on a slice; two
# tiny trainings with one seed write the same bytes; broken input gets one
# line and exit 2; the explorer opens from the map and from lesson 14,
# changes scale with →, exports a PNG with e, and Esc returns to the lesson.
set -u
build=${1:-build/asan}
bin="$build/zkcave"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME="$tmp/state" LANG=C.UTF-8 LC_ALL=C.UTF-8
export ZKCAVE_SHARED_DATA=${ZKCAVE_SHARED_DATA:-../shared/data}
fail() { echo "FAIL: $*" >&2; exit 1; }

for f in assets/digits/*.png; do
  name=$(basename "$f"); want=${name#drawn_}; want=${want:0:1}
  out=$("$bin" mnist predict "$f") || fail "predict $name: exit $?"
  printf '%s\n' "$out" | grep -q "^prediction: $want (float), $want (quantized" ||
    fail "predict $name: $(printf '%s\n' "$out" | sed -n 2p)"
done

out=$("$bin" mnist eval --limit 300) || fail "eval exit $?"
printf '%s\n' "$out" | grep -Eq "test accuracy (9[89]|100)\.[0-9]+% \([0-9]+ of 300" || fail "eval: $out"

out=$("$bin" mnist calibrate --limit 30 -o "$tmp/settings.json") || fail "calibrate exit $?"
grep -q '"input_visibility"' "$tmp/settings.json" || fail "settings lack visibility fields"
grep -q '"acc_bits"' "$tmp/settings.json" || fail "settings lack accumulator widths"
out=$("$bin" mnist predict --settings "$tmp/settings.json" assets/digits/7_0000.png) ||
  fail "predict --settings exit $?"
printf '%s\n' "$out" | grep -q "^prediction: 7 (float), 7 (quantized" || fail "predict --settings: $out"

out=$("$bin" mnist quant-table --limit 12) || fail "quant-table exit $?"
for s in 4 8 12 16; do
  printf '%s\n' "$out" | grep -q "^  2^$s " || fail "quant-table has no row for 2^$s: $out"
done

"$bin" mnist train --epochs 1 --limit 128 -o "$tmp/a.zkw" >/dev/null || fail "train exit $?"
ZKCAVE_THREADS=1 "$bin" mnist train --epochs 1 --limit 128 -o "$tmp/b.zkw" >/dev/null ||
  fail "train (1 thread) exit $?"
cmp -s "$tmp/a.zkw" "$tmp/b.zkw" || fail "the same seed gave different weights"
"$bin" mnist eval --model "$tmp/a.zkw" --limit 50 >/dev/null || fail "eval of the new model"

# x²: the shipped square model evaluates as square, its own settings make a
# circuit, the ReLU model's settings are refused for it in one line; a tiny
# square training writes a version-2 file that reads back as square.
out=$("$bin" mnist eval --model assets/mnist-cnn-square.zkw --limit 50) || fail "eval square exit $?"
printf '%s\n' "$out" | grep -q "^float model (square): test accuracy" || fail "eval square: $out"
out=$("$bin" mnist compile assets/mnist-settings-square.json --model assets/mnist-cnn-square.zkw \
      -o "$tmp/sq.r1cs") || fail "compile square exit $?"
printf '%s\n' "$out" | grep -q "x² " || fail "compile square counts no x²: $out"
err=$("$bin" mnist compile --model assets/mnist-cnn-square.zkw -o "$tmp/x.r1cs" 2>&1 >/dev/null)
rc=$?
[ "$rc" = 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] &&
  printf '%s\n' "$err" | grep -q "for a relu model and this one is square" ||
  fail "ReLU settings with the square model: exit $rc: $err"
"$bin" mnist train --activation square --epochs 1 --limit 64 -o "$tmp/s.zkw" >/dev/null ||
  fail "train --activation square exit $?"
[ "$(head -c 8 "$tmp/s.zkw")" = ZKCVCNN2 ] || fail "a square model is not version 2"
"$bin" mnist eval --model "$tmp/s.zkw" --limit 20 | grep -q "(square)" || fail "eval of the square model"

# An output that is a data file read is refused before any work (train
# and calibrate replaced train-labels-idx1-ubyte.gz with their output).
mkdir "$tmp/data"
for f in "$ZKCAVE_SHARED_DATA"/mnist/*-ubyte*; do cp "$f" "$tmp/data/"; done
for out in train-labels-idx1-ubyte.gz train-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  err=$("$bin" mnist train --data "$tmp/data" --limit 200 --epochs 1 -o "$tmp/data/$out" 2>&1 >/dev/null)
  rc=$?
  [ "$rc" = 2 ] && printf '%s
' "$err" | grep -q "is the same file as input" ||
    fail "train -o the data file $out: exit $rc: $err"
  cmp -s "$tmp/data/$out" "$ZKCAVE_SHARED_DATA/mnist/$out" || fail "train replaced $out"
done
err=$("$bin" mnist calibrate --data "$tmp/data" --limit 30 -o "$tmp/data/train-images-idx3-ubyte.gz" 2>&1 >/dev/null)
rc=$?
[ "$rc" = 2 ] && printf '%s
' "$err" | grep -q "the training images" ||
  fail "calibrate -o the training images: exit $rc: $err"
cmp -s "$tmp/data/train-images-idx3-ubyte.gz" "$ZKCAVE_SHARED_DATA/mnist/train-images-idx3-ubyte.gz" ||
  fail "calibrate replaced the training images"

# Broken input: one line on stderr, exit 2.
printf 'not a png' > "$tmp/bad.png"
head -c 100 assets/digits/drawn_3_rgb_120x150.png > "$tmp/cut.png"
for args in "mnist predict $tmp/bad.png" "mnist predict $tmp/cut.png" "mnist predict /nonexistent.png" \
            "mnist predict" "mnist train" "mnist eval --model $tmp/bad.png" "mnist eval --limit x" \
            "mnist bogus" "mnist predict --settings $tmp/bad.png assets/digits/7_0000.png" \
            "mnist train --activation cube -o $tmp/c.zkw"; do
  err=$("$bin" $args 2>&1 >/dev/null); rc=$?
  [ "$rc" = 2 ] || fail "'$args': exit $rc, want 2"
  [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "'$args': want one line, got: $err"
done

# The explorer: from the map, → to 2^9, e exports a PNG into the exports
# directory (it wrote a fixed name into the working directory, replacing
# the last); a second export takes the next name.
here=$(pwd)
cd "$tmp" || exit 1
export ZKCAVE_ASSETS="$here/assets" ZKCAVE_LESSONS="$here/lessons"
for n in "" -2; do
  out=$("$here/$bin" --exports "$tmp/exports" --headless --size 100x30 --keys "m Right e") ||
    fail "explorer exit $?"
  printf '%s\n' "$out" | grep -q "MNIST explorer" || fail "m did not open the explorer: $out"
  printf '%s\n' "$out" | grep -q "scale 2^\[ 9 \]" || fail "→ did not change the scale: $out"
  printf '%s\n' "$out" | grep -qF "✔ saved $tmp/exports/zkcave-mnist-explorer$n.png" ||
    fail "e did not export to zkcave-mnist-explorer$n.png: $out"
  [ "$(head -c 8 "exports/zkcave-mnist-explorer$n.png" | od -An -tx1 | tr -d ' \n')" = \
    89504e470d0a1a0a ] || fail "the export is not a PNG"
done
! ls ./zkcave-*.png >/dev/null 2>&1 || fail "an export went to the working directory"
# t from another directory: MNIST is found beside the program's tree (it was
# sought only at ../shared/data/mnist from the working directory), and
# --data names it.
out=$(env -u ZKCAVE_MNIST -u ZKCAVE_SHARED_DATA "$here/$bin" --headless --size 100x30 --keys "m t") ||
  fail "explorer t exit $?"
printf '%s\n' "$out" | grep -q "MNIST explorer ─ MNIST test image 0" || fail "t from $tmp: $out"
out=$(env -u ZKCAVE_MNIST -u ZKCAVE_SHARED_DATA "$here/$bin" --data "$tmp/data" --headless \
  --keys "m t t") || fail "explorer --data exit $?"
printf '%s\n' "$out" | grep -q "MNIST explorer ─ MNIST test image 1" || fail "t with --data: $out"
out=$("$here/$bin" --data "$tmp/none" --headless --keys "m t") || fail "explorer --data none exit $?"
printf '%s\n' "$out" | grep -q "✘ no MNIST test set .*$tmp/none/t10k" || fail "--data ignored: $out"
# Steps 2 to 4 open in an exercise's field, where n is a letter: the arrows
# change steps there too.
keep="--state $tmp/state/zkcave"   # the second run resumes where the first left
out=$("$here/$bin" $keep --headless --size 100x30 --keys "Right Right Right Right m" lesson 14) ||
  fail "lesson 14 m"
printf '%s\n' "$out" | grep -q "MNIST explorer" || fail "m in lesson 14 did not open the explorer"
out=$("$here/$bin" $keep --headless --size 100x30 --keys "m Esc" lesson 14) || fail "lesson 14 m Esc"
printf '%s\n' "$out" | grep -q "14 Floats vs fields ─ step 5/7" || fail "Esc did not return: $out"
echo "mnist commands and explorer: ok"
