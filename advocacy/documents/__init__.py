"""Documents: the kinds a template set defines, the typed context each kind's templates get,
and the chronology and timeline figure they share. No file is read or written here.
"""
