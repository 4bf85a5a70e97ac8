"""Campaigns: a whole case built at once, the appeal composed per recipient, staged, with a
manifest and email drafts. Work is shared out to processes that get what they need passed in.
"""
