"""What serves the editor around a build: `new` (the next issue file), `docx` and `into` (Word
articles into the issue, through `word/`), `proofread` (`check ISSUE.yaml`), `preview`, `watch`.
Nothing here is imported by `build` except the proofreader's error pass (`marks` patterns only)."""
