"""Stage 2, fonts: faces by role opened through HarfBuzz (`faces`), font files sniffed and their
failures located (`fontfile`), the default faces fetched and built (`install`)."""
