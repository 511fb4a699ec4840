"""Entry point for ``python -m gainer``."""
from .cli import console_main

console_main()
