extensions = ["sphinxext_notes"]
notes_dirs = ["notes", "_notes"]
notes_default_language = "en"
locale_dirs = ["locales"]
