"""Stage 7: the HTTP service and the web page."""
