"""Tools for template authors: checks without rendering, the live preview, the guide, and the
extraction of messages into the catalogs.
"""
