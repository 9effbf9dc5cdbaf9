extensions = ["sphinxext_notes"]
