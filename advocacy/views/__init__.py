"""Views: the case as one audience reading one language sees it, computed once per document.

A public view holds no confidential fact; every translatable text holds the view's language
(or is marked untranslated, with its place in the file).
"""
