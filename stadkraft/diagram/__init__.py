"""Charts and maps: pure builders that return `alt.Chart` / `pdk.Deck` specs, and their style."""
