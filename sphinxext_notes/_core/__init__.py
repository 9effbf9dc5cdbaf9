"""The pure core: note files to front matter, notes, groups and the catalog. No Sphinx here."""
