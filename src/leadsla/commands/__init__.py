"""One module per command: load the SLA, read the export, evaluate, return a result object."""
