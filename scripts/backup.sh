#!/usr/bin/env bash
# Back up the database and the uploaded files into one folder:
#   scripts/backup.sh DEST_DIR
# Reads DATABASE_URL (PostgreSQL) and MEDIA_ROOT (default ./media) like the portal does.
set -euo pipefail
dest=${1:?usage: scripts/backup.sh DEST_DIR}
: "${DATABASE_URL:?DATABASE_URL must point to the PostgreSQL database}"
media=${MEDIA_ROOT:-$(dirname "$0")/../media}
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" \
  --file="$dest/database.dump"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$dest/media.tar.gz" .
else
  tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi
echo "Backup written to $dest (database.dump, media.tar.gz)"
