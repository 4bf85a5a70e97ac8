"""The facts stage: case, letterhead and recipient files read into validated models.

YAML is read with a source map of positions (every problem is reported at FILE:LINE:COL), the
models say what a case file may hold, partial dates are EDTF, recipients are looked up in the
shared lists. Nothing here knows of documents, templates or audiences.
"""
