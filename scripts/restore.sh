#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and media folder:
#   scripts/restore.sh SRC_DIR
# Reads DATABASE_URL (the new, empty database, created beforehand with createdb) and MEDIA_ROOT.
set -euo pipefail
src=${1:?usage: scripts/restore.sh SRC_DIR}
: "${DATABASE_URL:?DATABASE_URL must point to the new PostgreSQL database}"
media=${MEDIA_ROOT:-$(dirname "$0")/../media}
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" \
  "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
echo "Restored $src into the database and $media"
