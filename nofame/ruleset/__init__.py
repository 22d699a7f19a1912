"""Rule packs: YAML files as data, compiled once, matched per article."""
