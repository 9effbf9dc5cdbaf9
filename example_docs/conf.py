# Sphinx configuration for the sphinxext-notes example site.
# Build with:  sphinx-build -b html example_docs example_docs/_build/html

project = "sphinxext-notes example"

# sphinxext_notes reads the notes (YAML front matter + MyST Markdown).
extensions = ["sphinxext_notes"]

# Folders, relative to this directory, whose .md files are notes.
notes_dirs = ["notes", "_notes"]

# Language of notes whose language cannot be found any other way,
# and the language {note} links fall back to.
notes_default_language = "en"

# A note not translated into a language still gets a page there, showing its
# original (marked as not translated, and kept out of search engines).
notes_fallback = "original"

exclude_patterns = ["_build"]

# PDF: one book per language; Arabic, Hindi, Chinese and Japanese need xelatex.
latex_engine = "xelatex"

# html_theme is left at Sphinx's default (alabaster).
