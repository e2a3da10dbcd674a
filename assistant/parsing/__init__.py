"""Stage 2: turn documents into typed records (table rows, KPIs) and passages (text), each with its file and lines."""
