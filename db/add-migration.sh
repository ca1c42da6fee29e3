#!/usr/bin/env bash
# Adds a migration with the same name to every provider: db/add-migration.sh NameOfChange
set -euo pipefail
name=${1:?usage: db/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  project=db/GitHost.Db.$provider
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
