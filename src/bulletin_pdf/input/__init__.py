"""Stage 1, load: what the user names read within bounds, YAML parsed with each node's line,
validated into the frozen `model` objects; every input error located at its file, line and
column with what to do. Read top-down: `files` (a file read within bounds), `yamlread` (YAML
with the place of each value), `slips` (a YAML syntax error explained), `schema` (the issue's
fields), `validation` (pydantic's findings in the editor's words), `blocks` (an article's
body), `extends` and `layoutcheck` (a layout over its base; what its schema cannot check), and
`load`, the entry: `load_issue`, `load_layout`."""
