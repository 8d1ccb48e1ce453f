"""Stage 5, writers: the composed frames turned into a file. A writer reads only the frames and
the faces; it decides nothing about layout and never reads the layout."""
