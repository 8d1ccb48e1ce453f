"""Stage 1, load: what the user names read within bounds, YAML parsed with each node's line,
validated into the frozen `model` objects; every input error located at its file, line and
column with what to do (`files`, `slips`, `load`)."""
