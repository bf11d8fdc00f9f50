#!/usr/bin/env bash
# Build the one-folder desktop bundle from build.spec and check it works frozen:
# --version, the CLI headless (demo, export report, badges in other scripts) and the GUI
# (offscreen).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# shellcheck disable=SC2086
install_system_packages $QT_RUNTIME_PACKAGES
setup_venv "[test,build]"
cd "$ROOT"
"$VENV/bin/pyinstaller" build.spec --noconfirm --clean --log-level WARN
BUNDLE="$ROOT/dist/CREANDO Desk"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export CREANDO_DATA_DIR="$WORK/data" QT_QPA_PLATFORM=offscreen
"$BUNDLE/creando" --version
"$BUNDLE/creando" --db "$WORK/d.db" --json demo > "$WORK/demo.json"
WORKSHOP=$("$VENV/bin/python" -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" \
  "$WORK/demo.json")
"$BUNDLE/creando" --db "$WORK/d.db" export report --workshop "$WORKSHOP" -o "$WORK/r.xlsx"
"$BUNDLE/creando" --db "$WORK/d.db" --lang es export handout \
  --session "$("$VENV/bin/python" -c "
import json, subprocess, sys
print(json.loads(subprocess.run([sys.argv[1], '--db', sys.argv[2], '--json', 'workshops',
      'list'], capture_output=True, text=True, check=True).stdout)[0]['sessions'][0]['id'])" \
  "$BUNDLE/creando" "$WORK/d.db")" -o "$WORK/h.pdf"
"$VENV/bin/python" -c "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1])" "$WORK/r.xlsx"
# Names in other scripts: the bundled fonts and the Arabic shaping must be in the bundle.
printf 'nombre,celular\nمحمد أحمد الحسيني,+51 987 654 321\n王小明,+51 987 654 322\n' > "$WORK/names.csv"
"$BUNDLE/creando" --db "$WORK/d.db" attendees import "$WORK/names.csv" --workshop "$WORKSHOP"
"$BUNDLE/creando" --db "$WORK/d.db" badges --workshop "$WORKSHOP" -o "$WORK/b.pdf"
CREANDO_EXIT_WHEN_SHOWN=1 timeout 60 "$BUNDLE/creando-desk" --db "$WORK/d.db" \
  | grep -q "shown_after_s="
# The programme hub works frozen: SQLAlchemy's SQLite dialect, the 5W template asset, and
# psycopg (an unreachable server must be a clear exit 3, not a missing driver's crash).
"$BUNDLE/creando" --db "$WORK/d.db" archive create --workshop "$WORKSHOP" -o "$WORK/a.zip"
"$BUNDLE/creando" --db "$WORK/d.db" programme import "$WORK/a.zip" --programme "$WORK/p.sqlite"
"$BUNDLE/creando" --db "$WORK/d.db" programme report -o "$WORK/p.xlsx" --programme "$WORK/p.sqlite"
"$BUNDLE/creando" --db "$WORK/d.db" programme export-5w --month "$(date +%Y-%m)" \
  -o "$WORK/5w.xlsx" --programme "$WORK/p.sqlite"
set +e
"$BUNDLE/creando" programme status --programme "postgresql://nobody@/p?host=$WORK/none" 2>/dev/null
status=$?
set -e
if [ "$status" != 3 ]; then echo "the frozen psycopg did not load (exit $status)" >&2; exit 1; fi
# An encrypted database works frozen (sqlcipher3 and its extension are in the bundle).
export CREANDO_DB_PASSPHRASE="a frozen build check"
"$BUNDLE/creando" --db "$WORK/e.db" --json demo > "$WORK/e.json"
"$BUNDLE/creando" --db "$WORK/e.db" encryption enable --recovery-pdf "$WORK/recovery.pdf"
"$BUNDLE/creando" --db "$WORK/e.db" export report -o "$WORK/e.xlsx" --workshop \
  "$("$VENV/bin/python" -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" \
  "$WORK/e.json")"
unset CREANDO_DB_PASSPHRASE
if grep -q "SQLite format 3" "$WORK/e.db"; then echo "e.db is not encrypted" >&2; exit 1; fi
echo "Frozen build OK: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE"
