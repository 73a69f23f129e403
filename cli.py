"""``python cli.py …`` is the same as ``docpipe …``."""

from docpipe.cli import main

if __name__ == "__main__":
    main()
