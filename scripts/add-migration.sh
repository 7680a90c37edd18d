#!/usr/bin/env bash
# Adds a migration for both providers: scripts/add-migration.sh AddDrugs
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dir="src/MedAtlas.Web/Infrastructure/Data/Migrations/${provider}"
  dotnet ef migrations add "$name" \
    --project src/MedAtlas.Web --context "${provider}MedAtlasDbContext" \
    --output-dir "Infrastructure/Data/Migrations/${provider}" --namespace "MedAtlas.Web.Infrastructure.Data.Migrations.${provider}"
  # With --namespace, dotnet ef writes the model snapshot into a folder named after the namespace; keep it beside its migrations.
  stray="src/MedAtlas.Web/MedAtlas/Web/Infrastructure/Data/Migrations/${provider}"
  if [ -d "$stray" ]; then mv "$stray"/*.cs "$dir"/; fi
done
rm -rf src/MedAtlas.Web/MedAtlas
