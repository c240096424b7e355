# The support portal's core: policy loading, validation, calendars and output formats.
# Nothing in this package imports MkDocs; hooks/portal.py is the only adapter.
