"""Rendering: a document's templates to bytes (PDF through WeasyPrint, DOCX through docxtpl),
in one pipeline that ``render``, ``build`` and ``preview`` all call.
"""
