"""Languages: the catalogs of the words documents print, and dates, money and lists in words.

The lowest stage but the errors: the facts check a recipient's language against the catalogs.
"""
