#!/usr/bin/env bash
# Fails when a tracked file refers to a file outside the repository, so the
# repository stands on its own: everything a reader needs (the rules'
# sources included, docs/sources.md) is in it. Run by .ci/run; run it by
# hand with `scripts/check-repo-refs.sh`.
#
# The rule, in three parts (CONTRIBUTING.md says the same):
#
# 1. No reference to the research folder that once lived beside the
#    repository: a `shared` folder beside it (dot-dot, then shared) or its `domain` subfolder. Cite
#    docs/sources.md#<anchor> instead.
# 2. No absolute path of somebody's machine: /work/, /home/, /root/,
#    /Users/, /mnt/, C:\Users\. Such a file exists on one computer only.
#    Paths of the operating system (/usr/bin/chromium, /etc/postgresql,
#    /tmp, /var/lib/motcua, /dev/null) are allowed: they name what a
#    Debian machine has, not a person's files. URL paths
#    (https://host/home/...) are not file paths and are not matched.
# 3. No relative path that climbs out of the repository: every `../…` is
#    resolved against the directory of the file that contains it and must
#    stay inside the repository (it need not exist: tests use
#    ../../etc/passwd as hostile input, which stays inside).
#
# A line that must mention such a path (documentation of this rule, say)
# carries the marker `repo-refs: allow`; this script itself is exempt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)
self=scripts/check-repo-refs.sh
failures=0

report() { # file:line:text, reason
  printf '%s\n    %s\n' "$1" "$2" >&2
  failures=$((failures + 1))
}

# Tracked text files only (-I skips binaries), the script itself excluded.
grep_tracked() { git grep -n -I -E "$@" -- . ":(exclude)$self" || true; }

# 1 and 2: fixed patterns.
shared='(\.\./shared|shared/domain)([/"'\''`) ]|$)'
machine='(^|[^A-Za-z0-9_.~%+-])(/(work|home|root|Users|mnt)/|[A-Za-z]:\\Users\\)'
while IFS= read -r hit; do
  [ -n "$hit" ] || continue
  case "$hit" in *'repo-refs: allow'*) continue ;; esac
  report "$hit" "refers to the research folder outside the repository; cite docs/sources.md#<anchor>"
done < <(grep_tracked "$shared")
while IFS= read -r hit; do
  [ -n "$hit" ] || continue
  case "$hit" in *'repo-refs: allow'*) continue ;; esac
  report "$hit" "names an absolute path of a development machine; refer to a file in the repository"
done < <(grep_tracked "$machine")

# 3: relative paths that leave the repository.
while IFS= read -r hit; do
  [ -n "$hit" ] || continue
  file=${hit%%:*}
  rest=${hit#*:}
  line=${rest%%:*}
  rel=${rest#*:}
  text=$(sed -n "${line}p" "$file")
  case "$text" in *'repo-refs: allow'*) continue ;; esac
  target=$(realpath -m "$(dirname "$root/$file")/$rel")
  case "$target/" in
    "$root"/*) ;;
    *) report "$file:$line:$text" "'$rel' resolves to $target, outside the repository" ;;
  esac
done < <(git grep -n -I -o -E '(\.\./)+[^ 	"'\''`)<>*]*' -- . ":(exclude)$self" || true)

if [ "$failures" -gt 0 ]; then
  echo "check-repo-refs: $failures reference(s) to files outside the repository (rule: $self)" >&2
  exit 1
fi
echo "check-repo-refs: no tracked file refers to a path outside the repository"
