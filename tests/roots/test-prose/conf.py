extensions = ["sphinxext_notes"]
notes_dirs = ["notes"]
notes_default_language = "en"
