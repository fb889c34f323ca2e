"""What the project's management commands share: a terminal progress bar."""

import sys


def draw_progress_bar(stream, percent, label, width=30):
    """One bar redrawn in place on a terminal; one line per update when output is a file."""
    filled = round(width * percent / 100)
    line = f"[{'█' * filled}{'·' * (width - filled)}] {percent:3d}% {label}"
    if sys.stderr.isatty():
        stream.write(f"\r{line[:100]:<100}", ending="")
    else:
        stream.write(line)
