"""`python -m bulletin_pdf …`: the `bulletin-pdf` command itself (entry.py's `run`), for a
checkout or an environment without the console script on PATH. Only when run: `make setup`
(`code_cache.main`) imports every module of the package."""

if __name__ == "__main__":
    from bulletin_pdf.entry import run

    run()
