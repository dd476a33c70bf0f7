#!/usr/bin/env bash
# Re-extracts interface strings into locale/{kk,ru,en}; English is filled from the msgids.
# New kk/ru strings arrive empty (or fuzzy) and must be translated before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
manage=".venv/bin/python manage.py"
$manage makemessages -l kk -l ru -l en --ignore=.venv --ignore=tests --ignore=bench --no-location -v0
en=locale/en/LC_MESSAGES/django.po
msgattrib --clear-fuzzy --empty -o "$en.tmp" "$en" 2>/dev/null
# Keep the header (msgattrib --empty blanks it when it was fuzzy).
python3 - "$en" "$en.tmp" <<'PY'
import sys
original, cleared = sys.argv[1], sys.argv[2]
head = open(original, encoding="utf-8").read().split("\n\n", 1)[0]
body = open(cleared, encoding="utf-8").read().split("\n\n", 1)[1]
open(original, "w", encoding="utf-8").write(head.replace("#, fuzzy\n", "") + "\n\n" + body)
PY
rm "$en.tmp"
msgen "$en" -o "$en"
for lang in kk ru en; do
  printf '%s: ' "$lang"; msgfmt --statistics -o /dev/null "locale/$lang/LC_MESSAGES/django.po"
done
