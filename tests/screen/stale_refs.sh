#!/usr/bin/env bash
# No comment points at nothing: every repository path named in a comment
# (C sources and headers, .S, shell and Python scripts, the Makefile) or in
# a README exists, and the README's Layout block lists every top-level
# folder and every src/ module.
#
# What counts as a path is decided by its form, so that prose, examples and
# other projects' files are never candidates (no list of exceptions):
#  * A word is a run of letters, digits and _ . / * - ; anything else ends
#    it, so a placeholder is written <name> (assets/<name>) and the path
#    stops before it. Trailing dots and slashes are sentence punctuation.
#  * A rooted path starts with a top-level folder of the tree and a slash
#    (src/field/fr.c, tests/..., lessons/01-the-cave.md) and must exist. A
#    name without an extension may also be a module (viz/heatmap for
#    viz/heatmap.h and .c). Our src/ holds only C and assembly, so
#    "snarkjs src/zkey_utils.js" is another project's file, not ours.
#  * A C file name with a folder (field/fr.h) resolves, as an #include does,
#    against the citing file's folder, src/ or the top; a bare one (fr.c,
#    gadget_*.c) must be some file of the tree. C file
#    names end in .c .h .S or .inc; other bare names (F.r1cs, digit.png) are
#    examples, not references.
#  * * is a wildcard and must match at least one file.
#  * Not checked: URLs, <system.h> headers, absolute paths, paths that
#    leave the tree (../shared/data), what .gitignore names from the top
#    (made by the build or by npm: build/, tests/interop/node_modules), and
#    anything in "double quotes" inside a comment, which is a value a
#    program reads or prints (a file name relative to circuits/, say), not
#    a place in the tree. Here-documents in shell scripts are data.
#
# The top-level folders are the tree's own, but for hidden ones and those
# .gitignore ignores at the top (build/). Exit 1 with one line per stale
# path or missing Layout entry. The check first runs on a small tree of its
# own, with one stale path of each kind beside words that are not paths,
# and must find exactly the stale ones there.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
repo=$PWD

# Prints "file:line<TAB>word" for every word of a comment (of a README:
# of its text) that may be a path: one with a slash or a C file's name.
candidates() {
  awk '
    FNR == 1 {
      incomment = 0; heredoc = ""
      mode = FILENAME ~ /\.(c|h|S|inc)$/ ? "c" : FILENAME ~ /\.md$/ ? "md" : "sh"
      shell = FILENAME ~ /\.(sh|bash)$/
    }
    function cside(line,   out, tok, c) {
      out = ""
      while (line != "") {
        if (incomment) {
          c = index(line, "*/")
          if (c == 0) return out " " line
          out = out " " substr(line, 1, c - 1); line = substr(line, c + 2); incomment = 0
          continue
        }
        if (!match(line, /\/\*|\/\/|"|\047/)) return out
        tok = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
        if (tok == "//") return out " " line
        if (tok == "/*") { incomment = 1; continue }
        while (line != "") {   # a string or character literal, to its close
          c = substr(line, 1, 1)
          if (c == "\\") { line = substr(line, 3); continue }
          line = substr(line, 2)
          if (c == tok) break
        }
      }
      return out
    }
    # A shell, Python or Makefile comment: a # at the start of the line or
    # after a blank, outside quotes.
    function hashside(line,   q, c, i, prev) {
      if (FNR == 1 && line ~ /^#!/) return ""
      q = ""; prev = " "
      for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q != "") { if (c == q) q = ""; else if (c == "\\" && q == "\"") i++ }
        else if (c == "\"" || c == "\047") q = c
        else if (c == "#" && prev ~ /[ \t]/) return substr(line, i + 1)
        prev = c
      }
      return ""
    }
    # A here-document is data (the output of a fake program, say), up to the
    # line that is its terminator.
    heredoc != "" { t = $0; sub(/^\t+/, "", t); if (t == heredoc) heredoc = ""; next }
    shell && match($0, /<<-?[ \t]*(\047[^\047]+\047|"[^"]+"|[A-Z_]+)/) {
      heredoc = substr($0, RSTART, RLENGTH); sub(/^<<-?[ \t]*/, "", heredoc); gsub(/[\047"]/, "", heredoc)
    }
    {
      text = mode == "c" ? cside($0) : mode == "md" ? $0 : hashside($0)
      if (text == "") next
      if (mode != "md") gsub(/"[^"]*"/, " ", text)
      gsub(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^ \t)>]*/, " ", text)
      gsub(/<[A-Za-z0-9_.\/-]+>/, " ", text)
      n = split(text, w, /[^A-Za-z0-9_.\/*-]+/)
      for (i = 1; i <= n; i++) {
        p = w[i]
        sub(/[.\/]+$/, "", p); sub(/^(\.\/)+/, "", p)
        if (p ~ /\// || p ~ /[A-Za-z0-9_*-]\.(c|h|S|inc)$/) print FILENAME ":" FNR "\t" p
      }
    }' "$@"
}

# exists PATTERN: a file or folder, or a wildcard that matches one.
exists() {
  if [[ $1 == *\** ]]; then compgen -G "$1" >/dev/null; else [ -e "$1" ]; fi
}

# stale_refs: checks the tree in the current directory, printing one line
# per stale path or missing Layout entry; fails when it printed any.
stale_refs() {
  local roots=() ignored made=() d f stale=0
  # What .gitignore names from the top is made by the build or installed
  # (build/, tests/interop/node_modules): a path into it is not stale.
  mapfile -t made < <(sed -n 's#^/\([^*]*[^/*]\)/*$#\1#p' .gitignore 2>/dev/null)
  ignored=" $(printf '%s\n' "${made[@]}" | grep -v / | tr '\n' ' ') "
  for d in */; do
    d=${d%/}
    [ -d "$d" ] && [[ $ignored != *" $d "* ]] && roots+=("$d")
  done

  # Every file of the tree (for bare names and wildcards), without build
  # output, git's data and installed npm packages.
  local prune=() tree=() sources=()
  for d in $ignored; do prune+=(-path "./$d" -prune -o); done
  mapfile -t tree < <(find . "${prune[@]}" -name .git -prune -o -name node_modules -prune -o \
                           -type f -print | sed 's#^\./##')
  local -A base=() isroot=()
  for f in "${tree[@]}"; do base[${f##*/}]=1; done
  for d in "${roots[@]}"; do isroot[$d]=1; done
  mapfile -t sources < <(printf '%s\n' "${tree[@]}" |
    grep -E '(\.(c|h|S|inc|sh|bash|py)|(^|/)Makefile|(^|/)README\.md)$')

  local where p file dir top found b bad why
  while IFS=$'\t' read -r where p; do
    file=${where%%:*}
    dir=${file%/*}; [ "$dir" = "$file" ] && dir=.
    top=${p%%/*}
    bad= why=
    case $p in /* | ../* | ~*) continue ;; esac
    for d in "${made[@]}"; do [[ $p == "$d" || $p == "$d"/* ]] && continue 2; done
    if [[ $p == */* ]] && [ -n "${isroot[$top]:-}" ]; then
      if [ "$top" = src ] && [[ ${p##*/} == *.* ]] && ! [[ $p =~ \.(c|h|S|inc)$ ]]; then
        continue   # another project's src/ (snarkjs, circomlibjs)
      fi
      exists "$p" || { [[ ${p##*/} != *.* ]] && { exists "$p.h" || exists "$p.c"; }; } ||
        bad=1
    elif [[ $p =~ \.(c|h|S|inc)$ ]]; then
      if [[ $p == */* ]]; then
        exists "$dir/$p" || exists "src/$p" || exists "$p" ||
          { bad=1; why=" (looked for in $dir/, src/ and the top)"; }
      else
        found=
        if [[ $p == *\** ]]; then
          for b in "${!base[@]}"; do [[ $b == $p ]] && { found=1; break; }; done
        else
          [ -n "${base[$p]:-}" ] && found=1
        fi
        [ -n "$found" ] || { bad=1; why=" (no file of the tree has that name)"; }
      fi
    fi
    if [ -n "$bad" ]; then
      echo "$where: $p does not exist$why"
      stale=$((stale + 1))
    fi
  done < <(candidates "${sources[@]}")

  # The README's Layout: the first word of each line of its code block.
  local layout=() l m
  [ -f README.md ] && mapfile -t layout < <(awk '/^## Layout/ { on = 1; next }
    on && /^```/ { if (inblock) exit; inblock = 1; next }
    inblock && /^[^ ]/ { sub(/[ \t].*/, ""); sub(/\/$/, ""); print }' README.md)
  local -A listed=()
  for l in "${layout[@]}"; do listed[$l]=1; done
  local want=()
  for d in "${roots[@]}"; do
    if [ "$d" = src ]; then
      for m in src/*/; do want+=("${m%/}"); done
    else
      want+=("$d")
    fi
  done
  for l in "${want[@]}"; do
    [ -n "${listed[$l]:-}" ] && continue
    echo "README.md: the Layout does not list $l/"
    stale=$((stale + 1))
  done
  for l in "${layout[@]}"; do
    [ -d "$l" ] && continue
    echo "README.md: the Layout lists $l, which is not a folder"
    stale=$((stale + 1))
  done
  [ "$stale" -eq 0 ]
}

# The check on a tree made for it: each stale path there must be found, and
# nothing else (the other words are not repository paths, or exist).
selftest() {
  local t got want
  t=$(mktemp -d) || exit 2
  mkdir -p "$t/src/a" "$t/src/b" "$t/lessons" "$t/scripts" "$t/tests" "$t/build"
  printf '/build/\n/tests/made\n' >"$t/.gitignore"
  touch "$t/build/x.c" "$t/src/b/b.c" "$t/lessons/01-one.md" "$t/src/a/gadget_relu.c"
  cat >"$t/src/a/a.h" <<'EOF'
/* a.c, src/a/a.h, gadget_*.c, <stdio.h>, digit.png, F.r1cs, x/y, 1/2,
 * "lessons/x.md", https://example.org/src/y.c, snarkjs src/zkey_utils.js,
 * ../shared/q.c, assets/<name>, lessons/<NN>-<slug>.md, build/zkcave,
 * tests/made/by/npm.js */
static const char *s = "/* src/in_a_string.c */";
/* field/none.h; gone_*.c */
EOF
  cat >"$t/src/a/a.c" <<'EOF'
int x; // src/a/missing.c
EOF
  cat >"$t/scripts/s.sh" <<'EOF'
#!/bin/sh
# tests/gone.sh, and src/a/a.c
echo "# src/quoted.c" "$#" <<'END'
# src/in_a_heredoc.c
END
EOF
  cat >"$t/tests/t.py" <<'EOF'
x = 1 << 2  # scripts/gone.py
EOF
  cat >"$t/README.md" <<'EOF'
See `src/a/gone.c`, `lessons/01-one.md` and F.r1cs.
## Layout
```
src/a       a
lessons/    lessons
tests/      tests
docs/       not there
```
EOF
  got=$(cd "$t" && stale_refs | LC_ALL=C sort)
  want=$(LC_ALL=C sort <<'EOF'
src/a/a.h:6: field/none.h does not exist (looked for in src/a/, src/ and the top)
src/a/a.h:6: gone_*.c does not exist (no file of the tree has that name)
src/a/a.c:1: src/a/missing.c does not exist
scripts/s.sh:2: tests/gone.sh does not exist
tests/t.py:1: scripts/gone.py does not exist
README.md:1: src/a/gone.c does not exist
README.md: the Layout does not list src/b/
README.md: the Layout does not list scripts/
README.md: the Layout lists docs, which is not a folder
EOF
)
  rm -rf "$t"
  [ "$got" = "$want" ] && return 0
  printf 'FAIL: on its own test tree the check found\n%s\ninstead of\n%s\n' "$got" "$want"
  exit 1
}

selftest
cd "$repo" || exit 2
if ! out=$(stale_refs); then
  printf '%s\n' "$out"
  echo "FAIL: $(printf '%s\n' "$out" | wc -l) stale references"
  exit 1
fi
echo "every path named in a comment or a README exists; the Layout lists every folder"
