#!/bin/sh
# Cuts the food starter subset out of the full USDA SR28 files; see make-food-starter.py.
exec python3 "$(dirname "$0")/make-food-starter.py" "$@"
