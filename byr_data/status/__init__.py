"""The half-yearly status reporting: entries and periods (`model`), the SQLite history (`store`), saving
with the conflict check (`saving`), the report to the council (`reporting`), CSV in and out
(`csv_format`), who may edit (`access`, `passwords`) and the command line (`cli`). No Streamlit."""
